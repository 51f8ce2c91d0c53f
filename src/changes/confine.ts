import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when `target` is `root` itself or lies below it (both absolute, already resolved). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Repository-relative, forward-slash form of an absolute path under root. */
export function toRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

export type Resolved =
  | { kind: 'file'; absolute: string }
  | { kind: 'skip'; reason: string; nothingLost?: true }
  | { kind: 'missing' }
  | { kind: 'directory' };

/**
 * What a repository-relative path is on disk, never following a symlink out of the scanned root:
 * a link is followed only when its real target is a regular file inside the root's real path.
 */
export async function resolveInRoot(root: string, realRoot: string, path: string): Promise<Resolved> {
  const absolute = resolve(root, path);
  if (!isInside(root, absolute)) return { kind: 'skip', reason: 'path is outside the scanned root' };
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    return { kind: 'missing' };
  }
  if (info.isDirectory()) return { kind: 'directory' };
  if (info.isSymbolicLink()) {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      return { kind: 'skip', reason: 'broken symlink; nothing to scan', nothingLost: true };
    }
    if (!isInside(realRoot, real)) return { kind: 'skip', reason: 'symlink points outside the scanned root; not followed' };
    const target = await stat(real);
    if (target.isDirectory()) return { kind: 'skip', reason: 'symlink to a directory; not followed (its target is scanned in place)', nothingLost: true };
    if (!target.isFile()) return { kind: 'skip', reason: 'symlink to a special file' };
    return { kind: 'file', absolute: real };
  }
  if (!info.isFile()) return { kind: 'skip', reason: 'not a regular file' };
  // A parent directory may itself be a symlink leading out of the root.
  const real = await realpath(absolute);
  if (!isInside(realRoot, real)) return { kind: 'skip', reason: 'path leads outside the scanned root through a symlink' };
  return { kind: 'file', absolute };
}
