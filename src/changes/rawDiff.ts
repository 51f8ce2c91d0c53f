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
 * Splits the output of `git diff --raw -p -z` (one process for both): NUL-separated raw entries
 * (":oldmode newmode oldsha newsha STATUS", then one path, or old and new for renames and copies),
 * an empty field, then the patch text. Unmerged (U) and unknown (X) entries are left out: they have
 * no head-side content to scan.
 */
export function parseRawAndPatch(out: Buffer): { entries: RawEntry[]; patch: string } {
  const entries: RawEntry[] = [];
  let offset = 0;
  const field = (): string => {
    const end = out.indexOf(0, offset);
    if (end < 0) throw new Error('truncated git diff --raw -z output');
    const text = out.subarray(offset, end).toString('utf8');
    offset = end + 1;
    return text;
  };
  while (offset < out.length && out[offset] === 0x3a /* ':' */) {
    const [oldMode = '', newMode = '', , , statusField = ''] = field().slice(1).split(' ');
    const letter = statusField.charAt(0);
    const first = field();
    const second = letter === 'R' || letter === 'C' ? field() : first;
    const status = STATUS[letter];
    if (status) entries.push({ status, path: second, oldPath: first, oldMode, newMode });
  }
  if (out[offset] === 0) offset++;
  return { entries, patch: out.subarray(offset).toString('utf8') };
}
