import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../model.js';
import { budgetJoin, findingLine, markerSafe } from './markdown.js';
import { REVIEW_BODY_LIMIT, findingMarker, fixedMarker, groupedCommentBody, type CommentEntry } from './review-comment.js';

export { REVIEW_BODY_LIMIT, findingMarker, fixedMarker } from './review-comment.js';

/**
 * GitHub documents no per-review comment cap, but large reviews fail in practice (peers cap theirs); 50 keeps each
 * request small, a 422 cheap to retry comment by comment, and a pull request readable. The most a config may ask.
 */
export const COMMENTS_PER_REVIEW = 50;

const MARKER = /<!-- shiftguard:(fp|fixed)=([A-Za-z0-9_.:-]+) -->/g;

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
  /** Every finding the comment carries a marker for (one line comment per path and line). */
  fingerprints: string[];
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewPlan {
  /** One comment per path and line for new findings at or above the threshold not commented before, capped. */
  comments: ReviewComment[];
  /** New findings that cannot take a line comment (outside the diff), not mentioned before. */
  offDiff: Finding[];
  /** Fingerprints commented on earlier whose finding is gone now (and not yet noted). */
  fixed: string[];
  /** New findings skipped because an earlier run already posted them. */
  alreadyPosted: number;
  /** New, active findings below the comment threshold: in the check, the summary and SARIF, not commented. */
  belowThreshold: number;
  /** Findings on diff lines left uncommented by the per-review cap (or a comment's body limit). */
  overflow: Finding[];
}

export interface ReviewSettings {
  /** Lowest severity that gets a line comment or a line in the review body. */
  minSeverity: Severity;
  /** Line comments per review; further findings are counted in the review body. */
  maxComments: number;
}

export type CommentableLines = (path: string) => ReadonlySet<number> | null | undefined;

const rank = (s: Severity): number => SEVERITIES.length - SEVERITIES.indexOf(s);

/** Every line of start..end is commentable: GitHub requires a multi-line range to sit inside the diff. */
function rangeInDiff(lines: ReadonlySet<number> | null, start: number, end: number): boolean {
  if (lines === null) return true;
  for (let l = start; l <= end; l++) if (!lines.has(l)) return false;
  return true;
}

interface Placement {
  finding: Finding;
  start: number;
  end: number;
  suggestion: boolean;
}

/** Where the comment goes: the fix's range when it is in the diff (so the suggestion applies), else the finding's. */
function place(finding: Finding, lines: ReadonlySet<number> | null): Placement | null {
  const candidates: Array<Omit<Placement, 'finding'>> = [];
  if (finding.fix) candidates.push({ start: finding.fix.startLine, end: finding.fix.endLine, suggestion: true });
  candidates.push({ start: finding.startLine, end: finding.endLine, suggestion: false }, { start: finding.startLine, end: finding.startLine, suggestion: false });
  const found = candidates.find((c) => rangeInDiff(lines, c.start, c.end));
  return found ? { finding, ...found } : null;
}

const bySeverity = (a: Placement, b: Placement): number =>
  rank(b.finding.severity) - rank(a.finding.severity) || a.finding.ruleId.localeCompare(b.finding.ruleId) || a.start - b.start;

/**
 * The findings landing on one line become one comment. Its range is the most severe finding's; only a finding
 * whose fix covers exactly that range keeps its suggestion (one per comment: two on the same lines would conflict).
 */
function groupComment(group: Placement[], rules: Map<string, RuleMeta>): { comment: ReviewComment; omitted: Finding[] } {
  const sorted = [...group].sort(bySeverity);
  const lead = sorted[0] as Placement;
  let suggested = false;
  const entries: CommentEntry[] = sorted.map((p) => {
    const suggestion = p.suggestion && !suggested && p.start === lead.start && p.end === lead.end;
    suggested ||= suggestion;
    return { finding: p.finding, rule: rules.get(p.finding.ruleId), suggestion };
  });
  const rendered = groupedCommentBody(entries);
  const comment: ReviewComment = { fingerprints: rendered.shown, path: lead.finding.path, line: lead.end, side: 'RIGHT', body: rendered.body };
  // start_line must be strictly before line; GitHub 422s when they are equal.
  if (lead.start < lead.end) Object.assign(comment, { start_line: lead.start, start_side: 'RIGHT' });
  return { comment, omitted: rendered.omitted };
}

export function planReview(options: {
  findings: Finding[];
  rules: RuleMeta[];
  commentable: CommentableLines;
  /** Markers found in the bot's earlier review comments and review bodies on this PR. */
  previous: { posted: Set<string>; fixed: Set<string> };
  settings: ReviewSettings;
}): ReviewPlan {
  const { settings } = options;
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const plan: ReviewPlan = { comments: [], offDiff: [], fixed: [], alreadyPosted: 0, belowThreshold: 0, overflow: [] };
  const current = new Set(options.findings.map((f) => markerSafe(f.fingerprint)));
  const groups = new Map<string, Placement[]>();
  for (const finding of options.findings) {
    if (!finding.new || finding.suppressed) continue;
    if (rank(finding.severity) < rank(settings.minSeverity)) {
      plan.belowThreshold++;
      continue;
    }
    if (options.previous.posted.has(markerSafe(finding.fingerprint))) {
      plan.alreadyPosted++;
      continue;
    }
    const lines = options.commentable(finding.path);
    const placed = lines === undefined ? null : place(finding, lines);
    if (!placed) {
      plan.offDiff.push(finding);
      continue;
    }
    const key = `${finding.path}\n${placed.end}`;
    groups.set(key, [...(groups.get(key) ?? []), placed]);
  }
  // The most severe lines are commented first, so the cap leaves out the least severe.
  const leads = [...groups.values()].map((g) => [...g].sort(bySeverity));
  const lead = (g: Placement[]): Finding => (g[0] as Placement).finding;
  const ordered = leads.sort((a, b) => rank(lead(b).severity) - rank(lead(a).severity) || lead(a).path.localeCompare(lead(b).path) || (a[0] as Placement).end - (b[0] as Placement).end);
  for (const [index, group] of ordered.entries()) {
    if (index >= settings.maxComments) {
      plan.overflow.push(...group.map((p) => p.finding));
      continue;
    }
    const { comment, omitted } = groupComment(group, rules);
    plan.comments.push(comment);
    plan.overflow.push(...omitted);
  }
  for (const fp of options.previous.posted) if (!current.has(fp) && !options.previous.fixed.has(fp)) plan.fixed.push(fp);
  return plan;
}

/** Lines saying what the review does not comment on, and where to find it instead. */
export function uncommentedNotes(plan: Pick<ReviewPlan, 'belowThreshold' | 'overflow'>, settings: ReviewSettings): string[] {
  const notes: string[] = [];
  if (plan.belowThreshold > 0) {
    notes.push(`_${plan.belowThreshold} lower-severity finding(s) (below ${settings.minSeverity}) not commented; see the check run, the job summary and SARIF._`);
  }
  if (plan.overflow.length > 0) {
    notes.push(`_${plan.overflow.length} finding(s) on changed lines not commented (at most ${settings.maxComments} comments per review); see the check run, the job summary and SARIF._`);
  }
  return notes;
}

/** The review body: verdict line, notes, off-diff findings (each with its marker), fixed notes; within 65,536 chars. */
export function reviewBody(options: { headline: string; offDiff: Finding[]; fixed: string[]; link: (f: Finding) => string; notes?: string[] }): string {
  const notes = options.notes ?? [];
  const items = [
    ...options.offDiff.map((f) => `- ${findingLine(f, options.link(f))} ${findingMarker(f.fingerprint)}`),
    ...options.fixed.map((fp) => `- Fixed since an earlier review: finding \`${markerSafe(fp).slice(0, 12)}\` ${fixedMarker(fp)}`),
  ];
  const head = [options.headline, ...notes].join('\n\n');
  const intro = options.offDiff.length > 0 ? `${head}\n\nFindings outside the diff (no line comment possible):` : head;
  return budgetJoin({ head: intro, items, limit: REVIEW_BODY_LIMIT, more: (n) => `_${n} more not shown; see the job summary and code scanning._` }).text;
}
