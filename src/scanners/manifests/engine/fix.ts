import type { Fix } from '../../../model.js';
import { getAt } from '../podspec.js';
import type { ManifestObject, NodePath, SourcePos } from '../types.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|null|~|yes|no|on|off|\d.*)$/i.test(value) ? value : JSON.stringify(value);
}

/**
 * An exact single-line replacement that sets the scalar at `path` to `value` — only when the key and
 * its current value sit on one plain `key: value` line, so applying it cannot break the document.
 */
// One pattern per key name, built on first use: the same few keys (readOnlyRootFilesystem, ...) recur.
const keyLinePatterns = new Map<string, RegExp>();

function keyLinePattern(key: string): RegExp {
  let pattern = keyLinePatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`^(\\s*(?:-\\s+)?(["']?)${escapeRegex(key)}\\2\\s*:[ \\t]*)([^\\s#][^#]*?)([ \\t]+#.*)?$`);
    keyLinePatterns.set(key, pattern);
  }
  return pattern;
}

export function scalarFix(object: ManifestObject, path: NodePath, value: string | number | boolean, at?: SourcePos): Fix | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || !object.sourceLine) return undefined;
  const current = getAt(object.value, path);
  if (current === undefined || current === null || typeof current === 'object' || String(current) === String(value)) return undefined;
  const pos = at ?? object.locate(path);
  // the field lives elsewhere (inside a packaged subchart): there is no line to rewrite here
  if (pos.via !== undefined) return undefined;
  const text = object.sourceLine(pos.path, pos.line);
  if (text === undefined) return undefined;
  const match = keyLinePattern(key).exec(text);
  if (!match) return undefined;
  const written = match[3]!.replace(/^(["'])(.*)\1$/, '$2');
  if (written !== String(current)) return undefined;
  return {
    startLine: pos.line,
    endLine: pos.line,
    replacement: `${match[1]}${yamlScalar(value)}${match[4] ?? ''}`,
    description: `set ${key} to ${String(value)}`,
  };
}
