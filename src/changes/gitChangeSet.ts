import { resolve } from 'node:path';
import type { ChangeSet, ChangedFile, ScanError } from '../model.js';
import { UserError } from '../errors.js';
import { git, gitOk, gitTopLevel, splitNul } from './git.js';
import { GitTree } from './gitTree.js';
import { parsePatch } from './patch.js';
import { parseRawAndPatch } from './rawDiff.js';
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

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

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
 * GitHub shows a pull request: renames followed, deleted files left out, binary files, symlinks and
 * submodules recorded in `skipped`, added lines and commentable diff lines per file.
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
  const pathspec = ['--', ...(options.paths?.length ? options.paths : ['.'])];
  const diff = await gitOk(
    root,
    [
      '--literal-pathspecs',
      'diff',
      '-M',
      '--no-ext-diff',
      '--no-textconv',
      '--no-relative',
      '--raw',
      '-p',
      '-z',
      '-U3',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      ...revs,
      ...pathspec,
    ],
    'git diff',
  );
  const { entries, patch } = parseRawAndPatch(diff);
  const lines = parsePatch(patch);

  const files: ChangedFile[] = [];
  const skipped: ScanError[] = [];
  for (const entry of entries) {
    if (entry.status === 'removed') continue;
    if (entry.newMode === SUBMODULE_MODE) {
      skipped.push({ path: entry.path, reason: 'submodule; not scanned' });
      continue;
    }
    if (entry.newMode === SYMLINK_MODE) {
      skipped.push({ path: entry.path, reason: 'symlink; not followed' });
      continue;
    }
    const facts = lines.get(entry.path);
    if (facts?.binary) {
      skipped.push({ path: entry.path, reason: 'binary file' });
      continue;
    }
    // A type change (symlink -> file) or a pure rename has no hunks: nothing added, nothing commentable.
    const oldIsFile = entry.oldMode !== SYMLINK_MODE && entry.oldMode !== SUBMODULE_MODE;
    files.push({
      path: entry.path,
      oldPath: entry.oldPath,
      status: oldIsFile ? entry.status : 'added',
      addedLines: facts?.added ?? new Set(),
      diffLines: facts?.commentable ?? new Set(),
    });
  }

  if (headCommit === null) {
    // A developer's new files are not in `git diff` until they are added; they are part of the change.
    const others = await gitOk(
      root,
      ['--literal-pathspecs', 'ls-files', '--others', '--exclude-standard', '--full-name', '-z', ...pathspec],
      'git ls-files --others',
    );
    for (const path of splitNul(others)) {
      files.push({ path, oldPath: path, status: 'added', addedLines: null, diffLines: null });
    }
  }

  return {
    root,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    head: headTree,
    base: baseTree,
    baseRef: options.base,
    headRef: options.head ?? 'HEAD',
    skipped,
  };
}
