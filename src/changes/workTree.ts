import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTree } from '../model.js';
import { resolveInRoot, type Resolved } from './confine.js';
import { createLimiter } from './limiter.js';

/** Directories never scanned: git's own data and installed dependencies. */
export const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** A FileTree over a directory on disk (the working tree), confined to its root. */
export class WorkTree implements FileTree {
  private realRoot: Promise<string> | null = null;
  private readonly limit = createLimiter(64);

  /**
   * `listScope`: root-relative paths ('' for the root) the listings stay within (default: the whole root). A directory
   * scanned outside any repository has the working directory as its root, which may be a home
   * directory: charts, overlays and background objects are then looked for only where asked.
   */
  constructor(
    readonly root: string,
    private readonly listScope: readonly string[] = [''],
  ) {}

  private real(): Promise<string> {
    this.realRoot ??= realpath(this.root);
    return this.realRoot;
  }

  // A run asks for a file's size and then its bytes (often twice over, for head batches): where a path
  // leads and how large it is are worked out once per run, the tree being a snapshot for the run.
  private readonly resolved = new Map<string, Promise<Resolved>>();
  private readonly sizes = new Map<string, Promise<number | null>>();

  /** Where a path leads, confined to the root (see resolveInRoot); worked out once per path. */
  resolve(path: string): Promise<Resolved> {
    let resolved = this.resolved.get(path);
    if (!resolved) {
      resolved = this.limit(async () => resolveInRoot(this.root, await this.real(), path));
      this.resolved.set(path, resolved);
    }
    return resolved;
  }

  read(path: string): Promise<Uint8Array | null> {
    return this.resolve(path).then((resolved) =>
      resolved.kind === 'file' ? this.limit(() => readFile(resolved.absolute).catch(() => null)) : null,
    );
  }

  /** The size from stat, on the same confined resolution as read: a link out of the root has none. */
  size(path: string): Promise<number | null> {
    let size = this.sizes.get(path);
    if (!size) {
      size = this.resolve(path).then((resolved) =>
        resolved.kind === 'file' ? this.limit(() => stat(resolved.absolute).then((info) => info.size, () => null)) : null,
      );
      this.sizes.set(path, size);
    }
    return size;
  }

  private listing: Promise<string[]> | null = null;

  /**
   * Every file below dir (gitignored ones included: scanners such as Helm need vendored charts). The
   * tree is walked once per run and answered from memory after that: charts, overlays and background
   * objects each ask for the whole repository.
   */
  async list(dir: string): Promise<string[]> {
    this.listing ??= this.walk();
    const all = await this.listing;
    const prefix = dir === '.' || dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
    return prefix === '' ? [...all] : all.filter((path) => path.startsWith(prefix));
  }

  // Directory symlinks are not followed (as for reads: their targets are scanned in place). A regular
  // file met on the walk is inside the root by construction, so only symlinks need resolving.
  private async walk(): Promise<string[]> {
    const out: string[] = [];
    const visit = async (rel: string): Promise<void> => {
      const entries = await this.limit(() => readdir(join(this.root, rel), { withFileTypes: true }).catch(() => []));
      const subdirectories: string[] = [];
      for (const entry of entries) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!ALWAYS_SKIPPED_DIRS.has(entry.name)) subdirectories.push(child);
        } else if (entry.isFile()) {
          out.push(child);
        } else if (entry.isSymbolicLink() && (await this.resolve(child)).kind === 'file') {
          out.push(child);
        }
      }
      await Promise.all(subdirectories.map(visit));
    };
    if (this.listScope.includes('')) await visit('');
    else {
      for (const start of this.listScope) {
        const resolved = await this.resolve(start);
        if (resolved.kind === 'directory') await visit(start);
        else if (resolved.kind === 'file') out.push(start);
      }
    }
    return [...new Set(out)].sort();
  }
}
