import { lstat, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ChangeSet, ChangedFile, SkippedFile } from '../model.js';
import { UserError } from '../errors.js';
import { isInside, toRelative } from './confine.js';
import { gitOk, gitTopLevel, splitNul } from './git.js';
import { walkWithGitignore } from './walkIgnored.js';
import { ALWAYS_SKIPPED_DIRS, WorkTree } from './workTree.js';

export interface DirectoryChangeSetOptions {
  /** Absolute directory that findings' paths are relative to; nothing outside it is read. */
  root: string;
  /** Files or directories to scan, absolute or relative to root; default: the whole root. */
  paths?: string[];
}

/** Files under `rel` that git would track: tracked plus untracked-but-not-ignored. */
async function gitListing(root: string, rel: string): Promise<string[]> {
  const out = await gitOk(
    root,
    ['--literal-pathspecs', 'ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', rel === '' ? '.' : rel],
    'git ls-files',
  );
  return [...new Set(splitNul(out))];
}

/**
 * A change set in which every file under the paths is wholly changed (no base): the plain
 * `shiftguard scan DIR` case. .gitignore is honoured (git itself inside a repository), `.git` and
 * `node_modules` are skipped, and symlinks leading out of the root are recorded in `skipped`.
 */
export async function buildDirectoryChangeSet(options: DirectoryChangeSetOptions): Promise<ChangeSet> {
  const root = resolve(options.root);
  await realpath(root).catch(() => {
    throw new UserError(`scan root not found: ${root}`);
  });
  const inRepo = (await gitTopLevel(root)) !== null;
  const listed = new Set<string>();
  for (const given of options.paths?.length ? options.paths : ['.']) {
    const absolute = resolve(root, given);
    if (!isInside(root, absolute)) throw new UserError(`path is outside the scanned root ${root}: ${given}`);
    const info = await lstat(absolute).catch(() => null);
    if (!info) throw new UserError(`path not found: ${given}`);
    const rel = toRelative(root, absolute);
    // A file named explicitly is scanned even when .gitignore would skip it, as linters do.
    if (!info.isDirectory()) listed.add(rel);
    else for (const path of inRepo ? await gitListing(root, rel) : await walkWithGitignore(root, rel)) listed.add(path);
  }
  // Inside a repository the whole repository is context (a NetworkPolicy elsewhere still counts);
  // outside one, only what was asked for.
  const scope = inRepo ? [''] : (options.paths?.length ? options.paths : ['.']).map((given) => toRelative(root, resolve(root, given)));
  const head = new WorkTree(root, scope);
  const files: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  const paths = [...listed].sort().filter((path) => !path.split('/').some((part) => ALWAYS_SKIPPED_DIRS.has(part)));
  // Resolved in parallel and remembered by the tree, so reading them later costs no second lookup.
  const resolutions = await Promise.all(paths.map((path) => head.resolve(path)));
  for (const [index, path] of paths.entries()) {
    const resolved = resolutions[index]!;
    if (resolved.kind === 'skip') skipped.push({ path, reason: resolved.reason, ...(resolved.nothingLost ? { nothingLost: true as const } : {}) });
    else if (resolved.kind === 'directory') skipped.push({ path, reason: 'submodule; not scanned' });
    else if (resolved.kind === 'file') {
      files.push({ path, oldPath: path, status: 'added', addedLines: null, diffLines: null });
    }
    // 'missing': tracked but deleted from the working tree; nothing to scan.
  }
  return { root, files, head, base: null, skipped };
}
