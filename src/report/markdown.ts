import type { Finding, Severity } from '../model.js';

/**
 * Escapes text from the pull request (paths, messages quoting PR content) for GitHub-flavoured Markdown:
 * no HTML, no links, no mentions, no emphasis, no tables broken by `|`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~>-]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

/**
 * Rule titles and remediation are our own Markdown (rules/*.yaml) or advisory text: keep their formatting,
 * but no raw HTML and no @-mentions.
 */
export function proseSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/@/g, '@\u200b');
}

/** A fenced block that PR content cannot close: the fence is longer than any backtick run inside. */
export function fence(info: string, content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${info}\n${content}\n${ticks}`;
}

/** Only characters a fingerprint can have, so a marker can never close the HTML comment early. */
export function markerSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9_.:-]/g, '');
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO',
};

export function fileLink(serverUrl: string, repository: string, sha: string, finding: Pick<Finding, 'path' | 'startLine' | 'endLine'>): string {
  const path = finding.path.split('/').map(encodeURIComponent).join('/');
  const lines = finding.endLine > finding.startLine ? `L${finding.startLine}-L${finding.endLine}` : `L${finding.startLine}`;
  return `${serverUrl}/${repository}/blob/${sha}/${path}#${lines}`;
}

/** One line naming a finding, safe to put in any Markdown body. */
export function findingLine(finding: Finding, link?: string): string {
  const where = `${escapeMarkdown(finding.path)}:${finding.startLine}`;
  const place = link ? `[${where}](${link})` : where;
  const preview = finding.preview ? ` (${escapeMarkdown(finding.preview)})` : '';
  return `**${SEVERITY_LABEL[finding.severity]}** \`${markerSafe(finding.ruleId)}\` ${place}: ${escapeMarkdown(finding.message)}${preview}`;
}

export interface Budgeted {
  text: string;
  shown: number;
  omitted: number;
}

/** Items rendered on demand: with thousands of findings most never fit, and need not be written at all. */
export interface LazyItems {
  length: number;
  item(index: number): string;
}

/** Ready lines first (errors, warnings), then one line per finding, written only when asked for. */
export function linesThenFindings(lines: readonly string[], findings: readonly Finding[], render: (f: Finding) => string): LazyItems {
  return {
    length: lines.length + findings.length,
    item: (i) => (i < lines.length ? lines[i]! : render(findings[i - lines.length]!)),
  };
}

/**
 * Joins `head`, as many `items` as fit and a "N more not shown" note, within `limit` (measured by `measure`:
 * characters for comment bodies, UTF-8 bytes for check output and the job summary).
 */
export function budgetJoin(options: {
  head: string;
  items: readonly string[] | LazyItems;
  tail?: string;
  limit: number;
  measure?: (s: string) => number;
  separator?: string;
  more?: (n: number) => string;
}): Budgeted {
  const measure = options.measure ?? ((s: string) => s.length);
  const sep = options.separator ?? '\n';
  const more = options.more ?? ((n: number) => `_${n} more not shown._`);
  const tail = options.tail ?? '';
  // Reserve room for the largest possible "more" note so adding it never breaks the limit.
  const reserve = measure(sep + more(options.items.length)) + measure(sep + tail) + 1;
  let text = options.head;
  // Sizes add up (UTF-8 bytes and characters both do), so keep a running total instead of re-measuring.
  let size = measure(text);
  let shown = 0;
  const { items } = options;
  const itemAt = 'item' in items ? (i: number) => items.item(i) : (i: number) => items[i]!;
  for (let i = 0; i < items.length; i++) {
    const item = itemAt(i);
    const next = measure(sep + item);
    if (size + next + reserve > options.limit) break;
    text += sep + item;
    size += next;
    shown++;
  }
  const omitted = items.length - shown;
  if (omitted > 0) text += sep + more(omitted);
  if (tail) text += sep + tail;
  if (measure(text) > options.limit) text = truncateTo(text, options.limit, measure);
  return { text, shown, omitted };
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function truncateTo(text: string, limit: number, measure: (s: string) => number): string {
  let end = Math.min(text.length, limit);
  while (end > 0 && measure(text.slice(0, end)) > limit) end = Math.floor(end * 0.9);
  return text.slice(0, end);
}
