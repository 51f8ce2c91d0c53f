import type { Finding, Report } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import { commentableLinesByPath, listPullRequestFiles } from '../changes/github-api.js';
import { postReview, previousBotBodies, type PullTarget } from '../github/reviews.js';
import { httpMessage } from '../github/repo.js';
import { COMMENTS_PER_REVIEW, batches, planReview, readMarkers, reviewBody, type ReviewComment } from '../report/review.js';

/** At most this many reviews per run (50 comments each); further comments go to the summary. */
export const MAX_REVIEWS = 3;
/** Comments posted one by one after a 422, per review batch; each is a content-creating request. */
export const FALLBACK_COMMENTS = 20;

export interface ReviewResult {
  /** Fingerprints now visible on the PR as line comments (this run or an earlier one). */
  delivered: Set<string>;
  /** Fingerprints listed in a review body this run. */
  listed: Set<string>;
  reviews: number;
  denied: boolean;
  notes: string[];
}

/**
 * The review channel: comments only on lines GitHub considers part of the PR diff (read from the files API, the
 * same data the review endpoint validates against), skipping what earlier runs posted, in batches.
 */
export async function publishReview(options: {
  client: GitHubClient;
  target: PullTarget;
  report: Report;
  headline: string;
  link: (f: Finding) => string;
  /** Commentable lines from the local change set, used if the files API cannot be read. */
  fallbackLines: (path: string) => ReadonlySet<number> | null | undefined;
}): Promise<ReviewResult> {
  const { client, target, report } = options;
  const result: ReviewResult = { delivered: new Set(), listed: new Set(), reviews: 0, denied: false, notes: [] };
  let commentable = options.fallbackLines;
  try {
    const files = await listPullRequestFiles(client, target, target.pull);
    if (!files.overCap) {
      const map = commentableLinesByPath(files.files);
      commentable = (path) => map.get(path);
    }
  } catch (error) {
    result.notes.push(`PR files not readable (${httpMessage(error)}); placing comments by the local diff`);
  }
  const previous = readMarkers(await previousBotBodies(client, target));
  const plan = planReview({ findings: report.findings, rules: report.rules, commentable, previous });
  for (const f of report.findings) if (previous.posted.has(f.fingerprint)) result.delivered.add(f.fingerprint);
  if (plan.alreadyPosted > 0) result.notes.push(`${plan.alreadyPosted} finding(s) already commented on by an earlier run`);

  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const allBatches = batches(plan.comments, COMMENTS_PER_REVIEW);
  const sent = allBatches.slice(0, MAX_REVIEWS);
  const overflow = allBatches.slice(MAX_REVIEWS).flat();
  if (overflow.length > 0) result.notes.push(`${overflow.length} line comments not posted (over ${MAX_REVIEWS * COMMENTS_PER_REVIEW} per run); listed in the summary`);
  if (sent.length === 0 && plan.offDiff.length === 0 && plan.fixed.length === 0) {
    result.notes.push('no new review: nothing new since the last run');
    return result;
  }
  const toFindings = (comments: ReviewComment[]): Finding[] => comments.map((c) => byFingerprint.get(c.fingerprint)).filter((f): f is Finding => f !== undefined);
  const rounds = sent.length === 0 ? [[] as ReviewComment[]] : sent;
  for (const [index, comments] of rounds.entries()) {
    const first = index === 0;
    const bodyFor = (failed: ReviewComment[]): string =>
      reviewBody({
        headline: options.headline,
        offDiff: [...(first ? plan.offDiff : []), ...toFindings(failed)],
        fixed: first ? plan.fixed : [],
        link: options.link,
        batch: { index: index + 1, total: rounds.length },
      });
    const outcome = await postReview(client, target, bodyFor, comments, FALLBACK_COMMENTS);
    result.notes.push(...outcome.notes);
    if (outcome.denied) {
      result.denied = true;
      return result;
    }
    result.reviews++;
    for (const fp of outcome.posted) result.delivered.add(fp);
    for (const f of [...(first ? plan.offDiff : []), ...toFindings(outcome.failed)]) result.listed.add(f.fingerprint);
  }
  return result;
}
