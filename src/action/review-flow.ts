import type { Finding, Report } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import { commentableLinesByPath, listPullRequestFiles } from '../changes/github-api.js';
import { postReview, previousBotBodies, updateComments, type PullTarget } from '../github/reviews.js';
import { httpMessage } from '../github/repo.js';
import { planReview, readMarkers, reviewBody, uncommentedNotes, type ReviewComment, type ReviewSettings } from '../report/review.js';
import { allFixed, markFixedInComment } from '../report/review-comment.js';
import { resolveThreads } from '../github/threads.js';
import { markerSafe } from '../report/markdown.js';

/** Comments posted one by one after a 422; each is a content-creating request. */
export const FALLBACK_COMMENTS = 20;
/** Earlier comments edited per run to mark fixed findings; each PATCH counts against the secondary limit. */
export const COMMENT_UPDATES = 20;
/** Review threads of fully fixed comments resolved per run (GraphQL mutations, also content-creating). */
export const THREAD_RESOLUTIONS = 20;

export interface ReviewResult {
  /** Fingerprints now visible on the PR as line comments (this run or an earlier one). */
  delivered: Set<string>;
  /** Fingerprints listed in a review body this run. */
  listed: Set<string>;
  /** New findings below the comment threshold (in every other report, not commented). */
  belowThreshold: number;
  /** Findings on diff lines not commented because of the per-review cap. */
  overflow: number;
  /** Earlier comments edited to mark their fixed findings. */
  updated: number;
  /** Review threads resolved because every finding in their comment is fixed. */
  resolved: number;
  reviews: number;
  denied: boolean;
  notes: string[];
}

/** Placing comments: the PR files API (what the review endpoint validates against), else the local diff. */
async function commentableLines(client: GitHubClient, target: PullTarget, fallback: (path: string) => ReadonlySet<number> | null | undefined, notes: string[]) {
  try {
    const files = await listPullRequestFiles(client, target, target.pull);
    if (!files.overCap) {
      const map = commentableLinesByPath(files.files);
      return (path: string) => map.get(path);
    }
  } catch (error) {
    notes.push(`PR files not readable (${httpMessage(error)}); placing comments by the local diff`);
  }
  return fallback;
}

/**
 * The review channel: one review per run, one comment per changed line carrying every new finding on it at or
 * above the threshold, skipping what earlier runs posted; earlier comments whose findings are gone are edited to
 * say so. What is not commented (below the threshold, over the cap) is counted in the review body.
 */
export async function publishReview(options: {
  client: GitHubClient;
  target: PullTarget;
  report: Report;
  headline: string;
  link: (f: Finding) => string;
  settings: ReviewSettings;
  /** Commentable lines from the local change set, used if the files API cannot be read. */
  fallbackLines: (path: string) => ReadonlySet<number> | null | undefined;
}): Promise<ReviewResult> {
  const { client, target, report, settings } = options;
  const result: ReviewResult = { delivered: new Set(), listed: new Set(), belowThreshold: 0, overflow: 0, updated: 0, resolved: 0, reviews: 0, denied: false, notes: [] };
  const commentable = await commentableLines(client, target, options.fallbackLines, result.notes);
  const previousBodies = await previousBotBodies(client, target);
  const previous = readMarkers([...previousBodies.comments.map((c) => c.body), ...previousBodies.reviews]);
  const plan = planReview({ findings: report.findings, rules: report.rules, commentable, previous, settings });
  result.belowThreshold = plan.belowThreshold;
  result.overflow = plan.overflow.length;
  for (const f of report.findings) if (previous.posted.has(f.fingerprint)) result.delivered.add(f.fingerprint);
  if (plan.alreadyPosted > 0) result.notes.push(`${plan.alreadyPosted} finding(s) already commented on by an earlier run`);
  const notes = uncommentedNotes(plan, settings);
  result.notes.push(...notes.map((n) => n.replace(/^_|_$/g, '')));

  if (plan.comments.length > 0 || plan.offDiff.length > 0 || plan.fixed.length > 0) {
    const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
    const toFindings = (comments: ReviewComment[]): Finding[] => comments.flatMap((c) => c.fingerprints).map((fp) => byFingerprint.get(fp)).filter((f): f is Finding => f !== undefined);
    const bodyFor = (failed: ReviewComment[]): string =>
      reviewBody({ headline: options.headline, offDiff: [...plan.offDiff, ...toFindings(failed)], fixed: plan.fixed, link: options.link, notes });
    const outcome = await postReview(client, target, bodyFor, plan.comments, FALLBACK_COMMENTS);
    result.notes.push(...outcome.notes);
    if (outcome.denied) {
      result.denied = true;
      return result;
    }
    result.reviews++;
    for (const fp of outcome.posted) result.delivered.add(fp);
    for (const f of [...plan.offDiff, ...toFindings(outcome.failed)]) result.listed.add(f.fingerprint);
  } else {
    result.notes.push('no new review: nothing new since the last run');
  }

  // Any comment still carrying a marker for a finding that is gone: whether or not a review body noted it already.
  const current = new Set(report.findings.map((f) => markerSafe(f.fingerprint)));
  const gone = new Set([...previous.posted].filter((fp) => !current.has(fp)));
  const updates = gone.size === 0 ? [] : previousBodies.comments.flatMap((c) => {
    const body = markFixedInComment(c.body, gone);
    return body === null ? [] : [{ id: c.id, body }];
  });
  const bodies = new Map(previousBodies.comments.map((c) => [c.id, c.body]));
  if (updates.length > 0) {
    const edited = await updateComments(client, target, updates, COMMENT_UPDATES);
    result.updated = edited.updated;
    result.notes.push(...edited.notes);
    const byId = new Map(updates.map((u) => [u.id, u.body]));
    for (const id of edited.updatedIds) bodies.set(id, byId.get(id)!);
  }
  // A comment whose every finding is fixed (this run or an earlier one whose resolve failed) gets its thread
  // resolved, so reviewers see only what is still open. No GraphQL call at all while nothing is fully fixed.
  const settled = new Set([...bodies].filter(([, body]) => allFixed(body)).map(([id]) => id));
  if (settled.size > 0) {
    const threads = await resolveThreads(client, target, settled, THREAD_RESOLUTIONS);
    result.resolved = threads.resolved;
    result.notes.push(...threads.notes);
  }
  return result;
}
