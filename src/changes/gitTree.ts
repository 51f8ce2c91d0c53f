import type { FileTree } from '../model.js';
import { git, gitOk, splitNul } from './git.js';

interface Blob {
  mode: string;
  sha: string;
}

/** Parses `git ls-tree -r -z`: "mode type sha\tpath" per entry; submodules (commits) are left out. */
function parseLsTree(out: Buffer): Map<string, Blob> {
  const blobs = new Map<string, Blob>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [mode = '', type, sha = ''] = entry.slice(0, tab).split(' ');
    if (type === 'blob') blobs.set(entry.slice(tab + 1), { mode, sha });
  }
  return blobs;
}

/** Reads many blobs with one `git cat-file --batch` process: "<sha> blob <size>\n<bytes>\n" each. */
export async function catBlobs(root: string, shas: string[]): Promise<Map<string, Uint8Array>> {
  const result = await git(root, ['cat-file', '--batch'], Buffer.from(shas.map((s) => `${s}\n`).join('')));
  if (result.code !== 0) throw new Error(`git cat-file --batch failed: ${result.stderr.trim()}`);
  const out = result.stdout;
  const blobs = new Map<string, Uint8Array>();
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(0x0a, offset);
    const [sha = '', type, size] = out.subarray(offset, newline).toString('utf8').split(' ');
    offset = newline + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    blobs.set(sha, out.subarray(offset, offset + length));
    offset += length + 1;
  }
  return blobs;
}

/**
 * A FileTree over git blobs listed once by `listing` (path -> blob sha). Paths come from git's own
 * NUL-separated output, so names with newlines or leading dashes are plain data, never arguments, and
 * reads issued in the same tick share one `cat-file --batch` process: a thousand reads cost one spawn.
 */
export class BlobTree implements FileTree {
  private blobs: Promise<Map<string, { sha: string }>> | null = null;
  private pending: { sha: string; resolve: (b: Uint8Array | null) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    protected readonly root: string,
    private readonly listing: () => Promise<Map<string, { sha: string }>>,
  ) {}

  private index(): Promise<Map<string, { sha: string }>> {
    this.blobs ??= this.listing();
    return this.blobs;
  }

  /** Starts listing now, alongside other git work; errors surface on the first read. */
  preload(): this {
    this.index().catch(() => undefined);
    return this;
  }

  async read(path: string): Promise<Uint8Array | null> {
    const blob = (await this.index()).get(path);
    if (!blob) return null;
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ sha: blob.sha, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const contents = await catBlobs(this.root, [...new Set(batch.map((p) => p.sha))]);
      for (const p of batch) p.resolve(contents.get(p.sha) ?? null);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\/+$/, '')}/`;
    return [...(await this.index()).keys()].filter((p) => p.startsWith(prefix)).sort();
  }
}

/** A FileTree over one git commit, listed by one `ls-tree`. */
export class GitTree extends BlobTree {
  constructor(
    root: string,
    readonly rev: string,
  ) {
    super(root, () => gitOk(root, ['ls-tree', '-r', '-z', '--full-tree', rev], `git ls-tree ${rev}`).then(parseLsTree));
  }
}
