import type { GitHubClient } from './client.js';
import type { RepoRef } from './repo.js';
import { httpMessage, httpStatus, isPermissionDenied } from './repo.js';
import type { ReviewComment } from '../report/review.js';

export interface PullTarget extends RepoRef {
  pull: number;
  /** The PR head commit the comments are anchored to. */
  headSha: string;
}

/**
 * Bodies of earlier review comments and reviews written by a bot on this PR. Only bot-authored bodies count:
 * a PR author could otherwise paste our marker into a comment to silence a finding.
 */
export async function previousBotBodies(client: GitHubClient, target: PullTarget): Promise<PreviousBodies> {
  const previous: PreviousBodies = { comments: [], reviews: [] };
  const isBot = (user: { type?: string } | null | undefined): boolean => user?.type === 'Bot';
  const params = { owner: target.owner, repo: target.repo, pull_number: target.pull, per_page: 100 };
  for await (const page of client.paginate.iterator(client.rest.pulls.listReviewComments, params)) {
    for (const c of page.data) if (isBot(c.user)) previous.comments.push({ id: c.id, body: c.body });
  }
  for await (const page of client.paginate.iterator(client.rest.pulls.listReviews, params)) {
    for (const r of page.data) if (isBot(r.user) && r.body) previous.reviews.push(r.body);
  }
  return previous;
}

export interface PreviousBodies {
  /** Line comments, with their id so a later run can edit them. */
  comments: Array<{ id: number; body: string }>;
  /** Review bodies. */
  reviews: string[];
}

/** Rewrites earlier line comments in place (PATCH), at most `limit` of them; failures are notes, never fatal. */
export async function updateComments(
  client: GitHubClient,
  target: PullTarget,
  updates: Array<{ id: number; body: string }>,
  limit: number,
): Promise<{ updated: number; updatedIds: number[]; calls: number; notes: string[] }> {
  const result = { updated: 0, updatedIds: [] as number[], calls: 0, notes: [] as string[] };
  for (const update of updates.slice(0, limit)) {
    result.calls++;
    try {
      await client.rest.pulls.updateReviewComment({ owner: target.owner, repo: target.repo, comment_id: update.id, body: update.body });
      result.updated++;
      result.updatedIds.push(update.id);
    } catch (error) {
      result.notes.push(`comment ${update.id} not updated: ${httpMessage(error)}`);
      if (isPermissionDenied(error)) break;
    }
  }
  if (updates.length > limit) result.notes.push(`${updates.length - limit} comment(s) with fixed findings not updated this run (cap ${limit})`);
  return result;
}

export interface PostOutcome {
  /** Fingerprints whose line comment exists on GitHub after this call. */
  posted: string[];
  /** Comments GitHub refused (422) or that could not be sent: their findings must go elsewhere. */
  failed: ReviewComment[];
  /** True when the token may not write reviews (403/404): stop trying other writes of this kind. */
  denied: boolean;
  calls: number;
  notes: string[];
}

const stripFingerprints = ({ fingerprints: _fps, ...comment }: ReviewComment): Omit<ReviewComment, 'fingerprints'> => comment;

/**
 * One review (event COMMENT). GitHub rejects the whole review with 422 when any one comment is off the diff and
 * does not say which; then each comment is posted alone (up to `fallbackLimit`) and the rest reported as failed.
 */
export async function postReview(
  client: GitHubClient,
  target: PullTarget,
  /** Builds the body; after a 422 it is called again with the comments that could not be posted, to list them. */
  bodyFor: (failed: ReviewComment[]) => string,
  comments: ReviewComment[],
  fallbackLimit: number,
): Promise<PostOutcome> {
  const base = { owner: target.owner, repo: target.repo, pull_number: target.pull, commit_id: target.headSha };
  const outcome: PostOutcome = { posted: [], failed: [], denied: false, calls: 1, notes: [] };
  try {
    await client.rest.pulls.createReview({ ...base, event: 'COMMENT', body: bodyFor([]), comments: comments.map(stripFingerprints) });
    outcome.posted = comments.flatMap((c) => c.fingerprints);
    return outcome;
  } catch (error) {
    if (isPermissionDenied(error)) {
      outcome.denied = true;
      outcome.failed = comments;
      outcome.notes.push(`review not posted: ${httpMessage(error)} (HTTP ${httpStatus(error)})`);
      return outcome;
    }
    if (httpStatus(error) !== 422 || comments.length === 0) {
      outcome.failed = comments;
      outcome.notes.push(`review not posted: ${httpMessage(error)}`);
      return outcome;
    }
    outcome.notes.push(`review rejected (${httpMessage(error)}); posting its ${comments.length} comments one by one`);
  }
  for (const [index, comment] of comments.entries()) {
    if (index >= fallbackLimit) {
      outcome.failed.push(...comments.slice(index));
      outcome.notes.push(`${comments.length - index} comments not posted one by one (cap ${fallbackLimit}); listed in the review body`);
      break;
    }
    outcome.calls++;
    try {
      await client.rest.pulls.createReviewComment({ ...base, ...stripFingerprints(comment) });
      outcome.posted.push(...comment.fingerprints);
    } catch (error) {
      outcome.failed.push(comment);
      if (isPermissionDenied(error)) {
        outcome.denied = true;
        outcome.failed.push(...comments.slice(index + 1));
        break;
      }
    }
  }
  // The review itself still carries the body (off-diff findings, failed comments), without line comments.
  outcome.calls++;
  try {
    await client.rest.pulls.createReview({ ...base, event: 'COMMENT', body: bodyFor(outcome.failed) });
  } catch (error) {
    outcome.notes.push(`review body not posted: ${httpMessage(error)}`);
  }
  return outcome;
}
