// Read access to a directory for `shiftguard deps`, confined to it: a path that resolves (through `..` or a
// symlink) outside the root reads as absent.
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { FileTree } from '../../model.js';
import { walkFiles } from './walk.js';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class DirTree implements FileTree {
  constructor(private readonly root: string) {}

  async read(path: string): Promise<Uint8Array | null> {
    const target = resolve(this.root, path);
    try {
      const [realRoot, realTarget] = await Promise.all([realpath(this.root), realpath(target)]);
      if (!inside(realRoot, realTarget)) return null;
      return await readFile(realTarget);
    } catch {
      return null; // missing or unreadable: absent in this tree
    }
  }

  async list(dir: string): Promise<string[]> {
    const files = await walkFiles(this.root);
    return dir ? files.filter((f) => f.startsWith(`${dir}/`)) : files;
  }
}
