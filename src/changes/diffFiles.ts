import type { ChangedFile, ScanError } from '../model.js';
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
export async function diffFiles(options: DiffFilesOptions): Promise<{ files: ChangedFile[]; skipped: ScanError[] }> {
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
