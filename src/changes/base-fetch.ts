import { git } from './git.js';

async function gitStatus(cwd: string, args: string[]): Promise<{ ok: boolean; stderr: string }> {
  try {
    const result = await git(cwd, args);
    return { ok: result.code === 0, stderr: result.stderr };
  } catch (error) {
    // git missing or cwd gone: the caller falls back to the API.
    return { ok: false, stderr: (error as Error).message };
  }
}

export interface BaseCommitResult {
  present: boolean;
  /** What was done, for the log and summary ("fetched base abc123 (shallow checkout)"). */
  note?: string;
}

/**
 * Makes the PR's base commit available locally. actions/checkout fetches one commit by default, so the base is
 * usually missing: `git fetch --depth=1 origin <sha>` brings it (GitHub serves any reachable sha by id).
 * The sha comes from the event payload and is checked to be 40 hex digits before it reaches git.
 */
export async function ensureBaseCommit(root: string, sha: string): Promise<BaseCommitResult> {
  if (!/^[0-9a-f]{40}$/.test(sha)) return { present: false, note: `base sha ${JSON.stringify(sha)} is not a commit id` };
  if ((await gitStatus(root, ['cat-file', '-e', `${sha}^{commit}`])).ok) return { present: true };
  const fetched = await gitStatus(root, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha]);
  if (!fetched.ok) return { present: false, note: `could not fetch base ${sha.slice(0, 12)}: ${fetched.stderr.trim().split('\n')[0] ?? ''}` };
  return { present: true, note: `fetched base ${sha.slice(0, 12)} (shallow checkout)` };
}
