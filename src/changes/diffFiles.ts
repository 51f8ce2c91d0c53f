import type { ChangedFile, SkippedFile } from '../model.js';
import { gitOk } from './git.js';
import { parsePatch } from './patch.js';
import { parseRawAndPatch } from './rawDiff.js';

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

export interface DiffFilesOptions {
  root: string;
  /** What is compared: two commits, one commit (against the working tree) or `--cached` (against the index). */
  revs: string[];
  /** Limit to these paths (relative to the top level); default: everything. */
  paths?: string[];
  /** Names the git command in an error. */
  what: string;
}

/** Orders files by path as git lists them (byte order, not locale). */
export function byPath(a: ChangedFile, b: ChangedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * One `git diff --raw -p -z` turned into changed files, as GitHub shows a pull request: renames
 * followed, deleted files left out, binary files, symlinks and submodules recorded in `skipped`,
 * added lines and commentable diff lines per file. Shared by the commit, working-tree and staged views.
 */
export async function diffFiles(options: DiffFilesOptions): Promise<{ files: ChangedFile[]; skipped: SkippedFile[] }> {
  const diff = await gitOk(
    options.root,
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
      ...options.revs,
      '--',
      ...(options.paths?.length ? options.paths : ['.']),
    ],
    options.what,
  );
  const { entries, patch } = parseRawAndPatch(diff);
  const lines = parsePatch(patch);
  const files: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of entries) {
    if (entry.status === 'removed') continue;
    // A link's blob is only its target's path: the target, if it is in the repository, is scanned where it
    // lives, so nothing of the change goes unscanned. A submodule's content is another repository's.
    if (entry.newMode === SYMLINK_MODE) {
      skipped.push({ path: entry.path, reason: 'symlink; not followed (its target is scanned where it lives)', nothingLost: true });
      continue;
    }
    if (entry.newMode === SUBMODULE_MODE) {
      skipped.push({ path: entry.path, reason: 'submodule; not scanned' });
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
  return { files, skipped };
}
