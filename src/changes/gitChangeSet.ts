import { resolve } from 'node:path';
import type { ChangeSet, ChangedFile, ScanError } from '../model.js';
import { UserError } from '../errors.js';
import { git, gitOk, gitTopLevel, splitNul } from './git.js';
import { GitTree } from './gitTree.js';
import { parsePatch } from './patch.js';
import { parseRawDiff } from './rawDiff.js';
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

async function resolveCommit(root: string, ref: string): Promise<string> {
  const result = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (result.code !== 0) throw new UserError(`git ref not found: ${ref} (fetch it, e.g. with fetch-depth: 0)`);
  return result.stdout.toString('utf8').trim();
}

/**
 * What changed between the merge base of `base` and the head (a commit, or the working tree), as
 * GitHub shows a pull request: renames followed, deleted files left out, binary files, symlinks and
 * submodules recorded in `skipped`, added lines and commentable diff lines per file.
 */
export async function buildGitChangeSet(options: GitChangeSetOptions): Promise<ChangeSet> {
  const root = await gitTopLevel(resolve(options.root));
  if (root === null) throw new UserError(`--base needs a git repository: ${options.root} is not inside one`);
  const baseCommit = await resolveCommit(root, options.base);
  const headCommit = options.head === undefined ? null : await resolveCommit(root, options.head);
  const mergeBase = (
    await gitOk(
      root,
      ['merge-base', baseCommit, headCommit ?? 'HEAD'],
      `no merge base between ${options.base} and ${options.head ?? 'HEAD'} (a shallow clone? fetch more history)`,
    )
  )
    .toString('utf8')
    .trim();

  const revs = headCommit === null ? [mergeBase] : [mergeBase, headCommit];
  const pathspec = ['--', ...(options.paths?.length ? options.paths : ['.'])];
  const common = ['--literal-pathspecs', 'diff', '-M', '--no-ext-diff', '--no-textconv', '--no-relative'];
  const [raw, patch] = await Promise.all([
    gitOk(root, [...common, '--raw', '-z', ...revs, ...pathspec], 'git diff --raw'),
    gitOk(root, [...common, '-p', '-U3', '--src-prefix=a/', '--dst-prefix=b/', ...revs, ...pathspec], 'git diff -p'),
  ]);
  const lines = parsePatch(patch.toString('utf8'));

  const files: ChangedFile[] = [];
  const skipped: ScanError[] = [];
  for (const entry of parseRawDiff(splitNul(raw))) {
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
    head: headCommit === null ? new WorkTree(root) : new GitTree(root, headCommit),
    base: new GitTree(root, mergeBase),
    baseRef: options.base,
    headRef: options.head ?? 'HEAD',
    skipped,
  };
}
