import { resolve } from 'node:path';
import type { ChangeSet } from '../model.js';
import { UserError } from '../errors.js';
import { git, gitTopLevel } from './git.js';
import { GitTree } from './gitTree.js';
import { IndexTree } from './indexTree.js';
import { byPath, diffFiles } from './diffFiles.js';

export interface StagedChangeSetOptions {
  /** Any directory inside the repository. */
  root: string;
  /** Limit to these paths (relative to the top level); default: everything. */
  paths?: string[];
}

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
  const { files, skipped } = await diffFiles({ root, revs: ['--cached'], ...(options.paths ? { paths: options.paths } : {}), what: 'git diff --cached' });
  return {
    root,
    files: files.sort(byPath),
    head: indexTree,
    base: baseTree,
    ...(head !== null ? { baseRef: 'HEAD' } : {}),
    headRef: 'INDEX',
    skipped,
  };
}
