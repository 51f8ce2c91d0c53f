import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTree } from '../model.js';
import { resolveInRoot } from './confine.js';
import { createLimiter } from './limiter.js';

/** Directories never scanned: git's own data and installed dependencies. */
export const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** A FileTree over a directory on disk (the working tree), confined to its root. */
export class WorkTree implements FileTree {
  private realRoot: Promise<string> | null = null;
  private readonly limit = createLimiter(64);

  constructor(readonly root: string) {}

  private real(): Promise<string> {
    this.realRoot ??= realpath(this.root);
    return this.realRoot;
  }

  read(path: string): Promise<Uint8Array | null> {
    return this.limit(async () => {
      const resolved = await resolveInRoot(this.root, await this.real(), path);
      if (resolved.kind !== 'file') return null;
      return readFile(resolved.absolute).catch(() => null);
    });
  }

  /** The size from stat, on the same confined resolution as read: a link out of the root has none. */
  size(path: string): Promise<number | null> {
    return this.limit(async () => {
      const resolved = await resolveInRoot(this.root, await this.real(), path);
      if (resolved.kind !== 'file') return null;
      return stat(resolved.absolute).then((info) => info.size, () => null);
    });
  }

  /** Every file below dir (gitignored ones included: scanners such as Helm need vendored charts). */
  async list(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(join(this.root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!ALWAYS_SKIPPED_DIRS.has(entry.name)) await walk(child);
        } else if ((await resolveInRoot(this.root, await this.real(), child)).kind === 'file') {
          out.push(child);
        }
      }
    };
    await walk(dir === '.' ? '' : dir.replace(/\/+$/, ''));
    return out.sort();
  }
}
