import type { ActionEvent } from './event.js';

/** Where results are attached: the commit the check/SARIF describe and the PR (if any) that gets the review. */
export interface ReportTarget {
  sha: string;
  /** Code scanning ref: refs/pull/<n>/head with the PR head sha (a /merge ref would need the merge sha). */
  ref: string;
  pull: number | null;
}

export function targetFor(event: ActionEvent, env: NodeJS.ProcessEnv, artifactPull: number | null = null): ReportTarget {
  if (event.kind === 'pull_request') return { sha: event.headSha, ref: `refs/pull/${event.number}/head`, pull: event.number };
  if (event.kind === 'workflow_run') {
    const pull = artifactPull ?? event.pullNumbers[0] ?? null;
    return { sha: event.headSha, ref: pull ? `refs/pull/${pull}/head` : env.GITHUB_REF ?? '', pull };
  }
  return { sha: event.kind === 'push' ? event.after : env.GITHUB_SHA ?? '', ref: env.GITHUB_REF ?? '', pull: null };
}
