import type { GitHubClient } from './client.js';
import { httpMessage } from './repo.js';
import type { PullTarget } from './reviews.js';

/** Pages of 100 review threads read per run; a PR with more threads than that is rare and only loses the tidy-up. */
const THREAD_PAGES = 10;

const THREADS_QUERY = `query shiftguardReviewThreads($owner: String!, $repo: String!, $pull: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $pull) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation shiftguardResolveThread($thread: ID!) {
  resolveReviewThread(input: { threadId: $thread }) { thread { id isResolved } }
}`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ databaseId: number | null }> } }>;
      };
    } | null;
  } | null;
}

export interface ResolveOutcome {
  resolved: number;
  calls: number;
  notes: string[];
}

/** GraphQL answers 200 with an `errors` list; Octokit throws them joined into one long message. */
function graphqlMessage(error: unknown): string {
  const errors = (error as { errors?: Array<{ message?: string }> } | null)?.errors;
  const message = errors?.length ? errors.map((e) => e.message ?? '').join('; ') : httpMessage(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/**
 * Resolves the open review threads started by the given comments (ours, every finding in them fixed), at most
 * `limit` per run. Only GraphQL can resolve a thread; the REST API cannot. Every failure is a note, never fatal:
 * the comment already says "fixed", resolving only folds it away.
 */
export async function resolveThreads(client: GitHubClient, target: PullTarget, commentIds: ReadonlySet<number>, limit: number): Promise<ResolveOutcome> {
  const outcome: ResolveOutcome = { resolved: 0, calls: 0, notes: [] };
  if (commentIds.size === 0 || limit <= 0) return outcome;
  const open: string[] = [];
  let cursor: string | null = null;
  try {
    for (let page = 0; page < THREAD_PAGES; page++) {
      outcome.calls++;
      const data: ThreadsPage = await client.graphql<ThreadsPage>(THREADS_QUERY, { owner: target.owner, repo: target.repo, pull: target.pull, cursor });
      const threads = data.repository?.pullRequest?.reviewThreads;
      if (!threads) break;
      for (const thread of threads.nodes) {
        const first = thread.comments.nodes[0]?.databaseId;
        if (!thread.isResolved && first != null && commentIds.has(first)) open.push(thread.id);
      }
      if (!threads.pageInfo.hasNextPage || !threads.pageInfo.endCursor) break;
      cursor = threads.pageInfo.endCursor;
    }
  } catch (error) {
    outcome.notes.push(`review threads not read, fixed ones left open: ${graphqlMessage(error)}`);
    return outcome;
  }
  for (const thread of open.slice(0, limit)) {
    outcome.calls++;
    try {
      await client.graphql(RESOLVE_MUTATION, { thread });
      outcome.resolved++;
    } catch (error) {
      // The same answer (a token without the permission) would come back for every other thread.
      outcome.notes.push(`review thread not resolved: ${graphqlMessage(error)}`);
      break;
    }
  }
  if (open.length > limit) outcome.notes.push(`${open.length - limit} review thread(s) of fixed findings left open this run (cap ${limit})`);
  return outcome;
}
