import { resolve } from 'node:path';
import type { ChangeSet } from '../model.js';
import { UserError } from '../errors.js';
import { git, gitOk, gitTopLevel, splitNul } from './git.js';
import { GitTree } from './gitTree.js';
import { byPath, diffFiles } from './diffFiles.js';
import { WorkTree } from './workTree.js';

export interface GitChangeSetOptions {
  /** Any directory inside the repository; paths in the change set are relative to its top level. */
  root: string;
  /** The ref the change is measured against (a branch, tag or commit); its merge base with head is used. */
  base: string;
  /** The head commit; omitted = the working tree (tracked changes plus untracked, non-ignored files). */
  head?: string;
  /** Limit to these paths (relative to the top level); default: everything. */
  paths?: string[];
}

/**
 * Resolves refs to commit ids in one process. Refs go through stdin, so a ref that looks like an
 * option (`--output=...`) is only ever a name that does not resolve.
 */
async function resolveCommits(cwd: string, refs: string[]): Promise<string[]> {
  const bad = refs.find((ref) => ref === '' || /[\n\0]/.test(ref));
  if (bad !== undefined) throw new UserError(`git ref not found: ${JSON.stringify(bad)}`);
  const result = await git(cwd, ['cat-file', '--batch-check'], Buffer.from(refs.map((r) => `${r}^{commit}\n`).join('')));
  const lines = result.stdout.toString('utf8').split('\n');
  return refs.map((ref, index) => {
    const [sha, type] = (lines[index] ?? '').split(' ');
    if (result.code !== 0 || type !== 'commit' || !sha) {
      throw new UserError(`git ref not found: ${ref} (fetch it, e.g. with fetch-depth: 0)`);
    }
    return sha;
  });
}

function unwrap<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * What changed between the merge base of `base` and the head (a commit, or the working tree), as
 * GitHub shows a pull request, plus a developer's untracked files when the head is the working tree.
 */
export async function buildGitChangeSet(options: GitChangeSetOptions): Promise<ChangeSet> {
  // Each git call costs a process start; the independent ones run side by side.
  const start = resolve(options.root);
  const refs = options.head === undefined ? [options.base] : [options.base, options.head];
  const [top, commits] = await Promise.allSettled([gitTopLevel(start), resolveCommits(start, refs)]);
  const root = unwrap(top);
  if (root === null) throw new UserError(`--base needs a git repository: ${options.root} is not inside one`);
  const ids = unwrap(commits);
  const baseCommit = ids[0]!;
  const headCommit = ids[1] ?? null;
  const mergeBase = (
    await gitOk(
      root,
      ['merge-base', baseCommit, headCommit ?? 'HEAD'],
      `no merge base between ${options.base} and ${options.head ?? 'HEAD'} (a shallow clone? fetch more history)`,
    )
  )
    .toString('utf8')
    .trim();

  const baseTree = new GitTree(root, mergeBase).preload();
  const headTree = headCommit === null ? new WorkTree(root) : new GitTree(root, headCommit).preload();
  const revs = headCommit === null ? [mergeBase] : [mergeBase, headCommit];
  const { files, skipped } = await diffFiles({ root, revs, ...(options.paths ? { paths: options.paths } : {}), what: 'git diff' });

  if (headCommit === null) {
    // A developer's new files are not in `git diff` until they are added; they are part of the change.
    const others = await gitOk(
      root,
      ['--literal-pathspecs', 'ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', ...(options.paths?.length ? options.paths : ['.'])],
      'git ls-files --others',
    );
    for (const path of splitNul(others)) {
      files.push({ path, oldPath: path, status: 'added', addedLines: null, diffLines: null });
    }
  }

  return {
    root,
    files: files.sort(byPath),
    head: headTree,
    base: baseTree,
    baseRef: options.base,
    headRef: options.head ?? 'HEAD',
    skipped,
  };
}
