import type { Finding, RuleMeta } from '../model.js';
import { SEVERITY_LABEL, budgetJoin, escapeMarkdown, fence, findingLine, markerSafe, proseSafe } from './markdown.js';

/** GitHub rejects comment and review bodies over 65,536 characters ("Body is too long"). */
export const REVIEW_BODY_LIMIT = 65_536;
/**
 * GitHub documents no per-review comment cap, but large reviews fail in practice (peers cap theirs);
 * 50 keeps each request small and a 422 cheap to retry comment by comment.
 */
export const COMMENTS_PER_REVIEW = 50;

const MARKER = /<!-- shiftguard:(fp|fixed)=([A-Za-z0-9_.:-]+) -->/g;

export function findingMarker(fingerprint: string): string {
  return `<!-- shiftguard:fp=${markerSafe(fingerprint)} -->`;
}

export function fixedMarker(fingerprint: string): string {
  return `<!-- shiftguard:fixed=${markerSafe(fingerprint)} -->`;
}

/** Fingerprints already posted (`fp`) and already noted as fixed (`fixed`) in earlier bodies by the bot. */
export function readMarkers(bodies: string[]): { posted: Set<string>; fixed: Set<string> } {
  const posted = new Set<string>();
  const fixed = new Set<string>();
  for (const body of bodies) {
    for (const m of body.matchAll(MARKER)) (m[1] === 'fp' ? posted : fixed).add(m[2] as string);
  }
  return { posted, fixed };
}

export interface ReviewComment {
  fingerprint: string;
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewPlan {
  /** Comments for new findings on commentable lines not commented before. */
  comments: ReviewComment[];
  /** New findings that cannot take a line comment (outside the diff), not mentioned before. */
  offDiff: Finding[];
  /** Fingerprints commented on earlier whose finding is gone now (and not yet noted). */
  fixed: string[];
  /** New findings skipped because an earlier run already posted them. */
  alreadyPosted: number;
}

export type CommentableLines = (path: string) => ReadonlySet<number> | null | undefined;

/** Every line of start..end is commentable: GitHub requires a multi-line range to sit inside the diff. */
function rangeInDiff(lines: ReadonlySet<number> | null, start: number, end: number): boolean {
  if (lines === null) return true;
  for (let l = start; l <= end; l++) if (!lines.has(l)) return false;
  return true;
}

function commentBody(finding: Finding, rule: RuleMeta | undefined, withSuggestion: boolean): string {
  const title = rule ? proseSafe(rule.title) : markerSafe(finding.ruleId);
  const parts = [`**${SEVERITY_LABEL[finding.severity]}** · ${title} (\`${markerSafe(finding.ruleId)}\`)`, '', escapeMarkdown(finding.message)];
  if (finding.preview) parts.push('', `Value: \`${finding.preview.replace(/`/g, "'")}\``);
  if (rule?.remediation) parts.push('', `**Fix:** ${proseSafe(rule.remediation.trim())}`);
  if (withSuggestion && finding.fix) parts.push('', fence('suggestion', finding.fix.replacement));
  parts.push('', findingMarker(finding.fingerprint));
  const body = parts.join('\n');
  // A body over the limit is cut before the suggestion would be: drop the suggestion rather than post half of it.
  return body.length <= REVIEW_BODY_LIMIT ? body : commentBody({ ...finding, message: finding.message.slice(0, 2000) }, undefined, false);
}

/** Where the comment goes: the fix's range when it is in the diff (so the suggestion applies), else the finding's. */
function placeComment(finding: Finding, lines: ReadonlySet<number> | null, rule: RuleMeta | undefined): ReviewComment | null {
  const fix = finding.fix;
  const candidates: Array<{ start: number; end: number; suggestion: boolean }> = [];
  if (fix) candidates.push({ start: fix.startLine, end: fix.endLine, suggestion: true });
  candidates.push({ start: finding.startLine, end: finding.endLine, suggestion: false }, { start: finding.startLine, end: finding.startLine, suggestion: false });
  for (const c of candidates) {
    if (!rangeInDiff(lines, c.start, c.end)) continue;
    const comment: ReviewComment = { fingerprint: finding.fingerprint, path: finding.path, line: c.end, side: 'RIGHT', body: commentBody(finding, rule, c.suggestion) };
    // start_line must be strictly before line; GitHub 422s when they are equal.
    if (c.start < c.end) Object.assign(comment, { start_line: c.start, start_side: 'RIGHT' });
    return comment;
  }
  return null;
}

export function planReview(options: {
  findings: Finding[];
  rules: RuleMeta[];
  commentable: CommentableLines;
  /** Markers found in the bot's earlier review comments and review bodies on this PR. */
  previous: { posted: Set<string>; fixed: Set<string> };
}): ReviewPlan {
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const plan: ReviewPlan = { comments: [], offDiff: [], fixed: [], alreadyPosted: 0 };
  const current = new Set(options.findings.map((f) => markerSafe(f.fingerprint)));
  for (const finding of options.findings) {
    if (!finding.new || finding.suppressed) continue;
    if (options.previous.posted.has(markerSafe(finding.fingerprint))) {
      plan.alreadyPosted++;
      continue;
    }
    const lines = options.commentable(finding.path);
    const comment = lines === undefined ? null : placeComment(finding, lines, rules.get(finding.ruleId));
    if (comment) plan.comments.push(comment);
    else plan.offDiff.push(finding);
  }
  for (const fp of options.previous.posted) if (!current.has(fp) && !options.previous.fixed.has(fp)) plan.fixed.push(fp);
  return plan;
}

/** The review body: verdict line, off-diff findings (each with its marker), fixed notes; budgeted to 65,536 chars. */
export function reviewBody(options: { headline: string; offDiff: Finding[]; fixed: string[]; link: (f: Finding) => string; batch?: { index: number; total: number } }): string {
  const { headline, batch } = options;
  const head = batch && batch.index > 1 ? `${headline} (comments ${batch.index}/${batch.total})` : headline;
  const items = [
    ...options.offDiff.map((f) => `- ${findingLine(f, options.link(f))} ${findingMarker(f.fingerprint)}`),
    ...options.fixed.map((fp) => `- Fixed since an earlier review: finding \`${markerSafe(fp).slice(0, 12)}\` ${fixedMarker(fp)}`),
  ];
  const intro = options.offDiff.length > 0 ? `${head}\n\nFindings outside the diff (no line comment possible):` : head;
  return budgetJoin({ head: intro, items, limit: REVIEW_BODY_LIMIT, more: (n) => `_${n} more not shown; see the job summary and code scanning._` }).text;
}

export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
