/**
 * The only text a finding keeps of a secret: at most 4 leading and 4 trailing characters, fewer for short
 * values, so that no output can reconstruct it (`ghp_****...****3f9a`).
 */
export function redactedPreview(value: string): string {
  // Key blocks and multi-line values: line breaks in a preview would only break report layouts.
  const secret = value.replace(/\s|\\[nr]/g, '');
  const n = secret.length;
  const keep = n >= 20 ? 4 : n >= 12 ? 2 : n >= 8 ? 1 : 0;
  if (keep === 0) return '****';
  return `${secret.slice(0, keep)}****...****${secret.slice(n - keep)}`;
}
