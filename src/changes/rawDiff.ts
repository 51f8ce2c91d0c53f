import type { FileStatus } from '../model.js';

/** One entry of `git diff --raw -z`: modes tell regular files from symlinks and submodules. */
export interface RawEntry {
  status: FileStatus;
  path: string;
  oldPath: string;
  oldMode: string;
  newMode: string;
}

const STATUS: Record<string, FileStatus> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  R: 'renamed',
  C: 'copied',
  D: 'removed',
};

/**
 * Parses `git diff --raw -z` fields: ":oldmode newmode oldsha newsha STATUS" then one path, or two
 * (old, new) for renames and copies. Unmerged (U) and unknown (X) entries are ignored: they have no
 * content to scan on the head side.
 */
export function parseRawDiff(fields: string[]): RawEntry[] {
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const meta = fields[i++]!;
    if (!meta.startsWith(':')) throw new Error(`unexpected git diff --raw field: ${JSON.stringify(meta)}`);
    const [oldMode = '', newMode = '', , , statusField = ''] = meta.slice(1).split(' ');
    const letter = statusField.charAt(0);
    const twoPaths = letter === 'R' || letter === 'C';
    const first = fields[i++]!;
    const second = twoPaths ? fields[i++]! : first;
    const status = STATUS[letter];
    if (status) entries.push({ status, path: second, oldPath: first, oldMode, newMode });
  }
  return entries;
}
