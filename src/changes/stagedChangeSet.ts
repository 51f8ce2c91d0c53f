import { resolve } from 'node:path';
import type { ChangeSet, ChangedFile, ScanError } from '../model.js';
import { UserError } from '../errors.js';
import { git, gitOk, gitTopLevel } from './git.js';
import { GitTree } from './gitTree.js';
import { IndexTree } from './indexTree.js';
import { parsePatch } from './patch.js';
import { parseRawAndPatch } from './rawDiff.js';

export interface StagedChangeSetOptions {
  /** Any directory inside the repository. */
  root: string;
  /** Limit to these paths (relative to the top level); default: everything. */
  paths?: string[];
}

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

/** The HEAD commit, or null before the first commit (an unborn branch). */
async function headCommit(root: string): Promise<string | null> {
  const result = await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

/**
 * What `git commit` is about to record: the staged changes against HEAD (or against nothing on the
 * first commit), read from the index, so unstaged edits in the working tree change nothing.
 */
export async function buildStagedChangeSet(options: StagedChangeSetOptions): Promise<ChangeSet> {
  const root = await gitTopLevel(resolve(options.root));
  if (root === null) throw new UserError(`--staged needs a git repository: ${options.root} is not inside one`);
  const head = await headCommit(root);
  const indexTree = new IndexTree(root).preload();
  const baseTree = head === null ? null : new GitTree(root, head).preload();
  // Without HEAD, `diff --cached` compares the index with the empty tree: every staged file is added.
  const diff = await gitOk(
    root,
    [
      '--literal-pathspecs',
      'diff',
      '--cached',
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
      '--',
      ...(options.paths?.length ? options.paths : ['.']),
    ],
    'git diff --cached',
  );
  const { entries, patch } = parseRawAndPatch(diff);
  const lines = parsePatch(patch);
  const files: ChangedFile[] = [];
  const skipped: ScanError[] = [];
  for (const entry of entries) {
    if (entry.status === 'removed') continue;
    if (entry.newMode === SUBMODULE_MODE || entry.newMode === SYMLINK_MODE) {
      skipped.push({ path: entry.path, reason: entry.newMode === SYMLINK_MODE ? 'symlink; not followed' : 'submodule; not scanned' });
      continue;
    }
    const facts = lines.get(entry.path);
    if (facts?.binary) {
      skipped.push({ path: entry.path, reason: 'binary file' });
      continue;
    }
    const oldIsFile = entry.oldMode !== SYMLINK_MODE && entry.oldMode !== SUBMODULE_MODE;
    files.push({
      path: entry.path,
      oldPath: entry.oldPath,
      status: oldIsFile ? entry.status : 'added',
      addedLines: facts?.added ?? new Set(),
      diffLines: facts?.commentable ?? new Set(),
    });
  }
  return {
    root,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    head: indexTree,
    base: baseTree,
    ...(head !== null ? { baseRef: 'HEAD' } : {}),
    headRef: 'INDEX',
    skipped,
  };
}
