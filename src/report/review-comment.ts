import type { Finding, RuleMeta } from '../model.js';
import { SEVERITY_LABEL, escapeMarkdown, fence, markerSafe, proseSafe } from './markdown.js';

/** GitHub rejects comment and review bodies over 65,536 characters ("Body is too long"). */
export const REVIEW_BODY_LIMIT = 65_536;

/**
 * Starts each finding's entry in a line comment; the entry ends with its fingerprint marker. A later run finds an
 * entry by these two markers to mark it fixed in place. Only bot-authored bodies are read back, and PR text in an
 * entry is escaped (`<` becomes `&lt;`), so neither marker can be forged or split by a finding's message.
 */
export const ITEM_MARKER = '<!-- shiftguard:item -->';
const ENTRY = /<!-- shiftguard:item -->([\s\S]*?)<!-- shiftguard:(fp|fixed)=([A-Za-z0-9_.:-]+) -->/g;
const SEPARATOR = '\n\n---\n\n';

export function findingMarker(fingerprint: string): string {
  return `<!-- shiftguard:fp=${markerSafe(fingerprint)} -->`;
}

export function fixedMarker(fingerprint: string): string {
  return `<!-- shiftguard:fixed=${markerSafe(fingerprint)} -->`;
}

/** One finding of a line comment; `suggestion` when its fix covers exactly the comment's lines. */
export interface CommentEntry {
  finding: Finding;
  rule: RuleMeta | undefined;
  suggestion: boolean;
}

function heading(finding: Finding, rule: RuleMeta | undefined): string {
  const title = rule ? proseSafe(rule.title) : markerSafe(finding.ruleId);
  return `**${SEVERITY_LABEL[finding.severity]}** · ${title} (\`${markerSafe(finding.ruleId)}\`)`;
}

function fullEntry({ finding, rule, suggestion }: CommentEntry): string {
  const parts = [ITEM_MARKER, heading(finding, rule), '', escapeMarkdown(finding.message)];
  if (finding.preview) parts.push('', `Value: \`${finding.preview.replace(/`/g, "'")}\``);
  if (rule?.remediation) parts.push('', `**Fix:** ${proseSafe(rule.remediation.trim())}`);
  if (suggestion && finding.fix) parts.push('', fence('suggestion', finding.fix.replacement));
  parts.push(findingMarker(finding.fingerprint));
  return parts.join('\n');
}

/** The entry without remediation or suggestion, for comments whose full text would pass the body limit. */
function shortEntry({ finding, rule }: CommentEntry): string {
  return [ITEM_MARKER, heading(finding, rule), '', escapeMarkdown(finding.message.slice(0, 300)), findingMarker(finding.fingerprint)].join('\n');
}

function header(open: number, fixed: number): string {
  if (open === 0) return fixed > 1 ? `**shiftguard** · all ${fixed} findings on this line are fixed` : '';
  if (open + fixed <= 1) return '';
  return `**shiftguard** · ${open + fixed} findings on this line${fixed > 0 ? ` (${fixed} fixed since)` : ''}`;
}

function assemble(head: string, entries: string[], tail = ''): string {
  return [head ? `${head}${SEPARATOR}` : '', entries.join(SEPARATOR), tail ? `\n\n${tail}` : ''].join('');
}

export interface RenderedComment {
  body: string;
  /** Fingerprints whose entry made it into the body (each with its marker). */
  shown: string[];
  /** Entries left out to stay under GitHub's body limit. */
  omitted: Finding[];
}

/**
 * One line comment for every finding on the same line: a count, then each finding (severity, rule, message, fix,
 * at most one suggestion) with its own marker, so later runs can skip or mark each finding separately. Entries that
 * do not fit 65,536 characters in full are shortened, then left out and counted.
 */
export function groupedCommentBody(entries: CommentEntry[]): RenderedComment {
  const more = (n: number): string => `_${n} more finding(s) on this line not shown here; see the check run and SARIF._`;
  const head = header(entries.length, 0);
  const reserve = more(entries.length).length + SEPARATOR.length + 2;
  const texts: string[] = [];
  const shown: string[] = [];
  const omitted: Finding[] = [];
  let size = head.length + SEPARATOR.length;
  for (const entry of entries) {
    const candidates = omitted.length > 0 ? [] : [fullEntry(entry), shortEntry(entry)];
    const text = candidates.find((t) => size + t.length + SEPARATOR.length + reserve <= REVIEW_BODY_LIMIT);
    if (text === undefined) {
      omitted.push(entry.finding);
      continue;
    }
    texts.push(text);
    shown.push(entry.finding.fingerprint);
    size += text.length + SEPARATOR.length;
  }
  return { body: assemble(head, texts, omitted.length > 0 ? more(omitted.length) : ''), shown, omitted };
}

/** Every finding of the comment is marked fixed (none still open): its thread can be resolved. */
export function allFixed(body: string): boolean {
  return body.includes('<!-- shiftguard:fixed=') && !body.includes('<!-- shiftguard:fp=');
}

/**
 * The comment with the entries of `fixed` fingerprints struck through (heading kept, message, fix and suggestion
 * dropped so a stale suggestion cannot be applied) and their marker turned into a `fixed` one; null when the
 * comment holds none of them. Comments from before grouping (no item marker) count as one entry.
 */
export function markFixedInComment(body: string, fixed: ReadonlySet<string>): string | null {
  const text = body.includes(ITEM_MARKER) ? body : `${ITEM_MARKER}\n${body}`;
  const entries = [...text.matchAll(ENTRY)];
  if (!entries.some((m) => m[2] === 'fp' && fixed.has(m[3] as string))) return null;
  let open = 0;
  let done = 0;
  const rewritten = entries.map((m) => {
    const [whole, content = '', kind, fp = ''] = m;
    if (kind === 'fp' && !fixed.has(fp)) {
      open++;
      return whole;
    }
    done++;
    if (kind === 'fixed') return whole;
    const title = content.split('\n').find((line) => line.trim() !== '') ?? `\`${fp}\``;
    return `${ITEM_MARKER}\n~~${title.trim()}~~ — fixed since this comment\n${fixedMarker(fp)}`;
  });
  const last = entries.at(-1);
  const tail = last && last.index !== undefined ? text.slice(last.index + last[0].length).trim() : '';
  return assemble(header(open, done), rewritten, tail);
}
