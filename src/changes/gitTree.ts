import type { FileTree } from '../model.js';
import { git, gitOk, splitNul } from './git.js';

/** One listed blob; `size` when the listing gave it (ls-tree -l), else looked up on demand. */
export interface ListedBlob {
  sha: string;
  size?: number;
}

/** Parses `git ls-tree -r -l -z`: "mode type sha size\tpath" per entry (size space-padded); submodules are left out. */
function parseLsTree(out: Buffer): Map<string, ListedBlob> {
  const blobs = new Map<string, ListedBlob>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [, type, sha = '', size] = entry.slice(0, tab).split(/ +/);
    if (type === 'blob') blobs.set(entry.slice(tab + 1), { sha, size: Number(size) });
  }
  return blobs;
}

/** Sizes of many objects with one `git cat-file --batch-check` process: "<sha> <type> <size>" each. */
export async function catSizes(root: string, shas: string[]): Promise<Map<string, number>> {
  const result = await git(root, ['cat-file', '--batch-check'], Buffer.from(shas.map((s) => `${s}\n`).join('')));
  if (result.code !== 0) throw new Error(`git cat-file --batch-check failed: ${result.stderr.trim()}`);
  const sizes = new Map<string, number>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [sha = '', type, size] = line.split(' ');
    if (type !== 'missing' && size !== undefined) sizes.set(sha, Number(size));
  }
  return sizes;
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
 * Collects the keys asked for in one tick and answers them with one batch call, so a thousand
 * reads (or size look-ups) cost one git process.
 */
function tickBatcher<V>(run: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | null> {
  let pending: { key: string; resolve: (v: V | null) => void; reject: (e: unknown) => void }[] = [];
  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    try {
      const values = await run([...new Set(batch.map((p) => p.key))]);
      for (const p of batch) p.resolve(values.get(p.key) ?? null);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return (key) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ key, resolve, reject });
    });
}

/**
 * A FileTree over git blobs listed once by `listing` (path -> blob sha). Paths come from git's own
 * NUL-separated output, so names with newlines or leading dashes are plain data, never arguments, and
 * reads issued in the same tick share one `cat-file --batch` process: a thousand reads cost one spawn.
 */
export class BlobTree implements FileTree {
  private blobs: Promise<Map<string, ListedBlob>> | null = null;
  private readonly readBlob = tickBatcher((shas) => catBlobs(this.root, shas));
  private readonly blobSize = tickBatcher((shas) => catSizes(this.root, shas));

  constructor(
    protected readonly root: string,
    private readonly listing: () => Promise<Map<string, ListedBlob>>,
  ) {}

  private index(): Promise<Map<string, ListedBlob>> {
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
    return blob ? this.readBlob(blob.sha) : null;
  }

  async size(path: string): Promise<number | null> {
    const blob = (await this.index()).get(path);
    if (!blob) return null;
    return blob.size ?? this.blobSize(blob.sha);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\/+$/, '')}/`;
    return [...(await this.index()).keys()].filter((p) => p.startsWith(prefix)).sort();
  }
}

/** A FileTree over one git commit, listed (with sizes) by one `ls-tree -l`. */
export class GitTree extends BlobTree {
  constructor(
    root: string,
    readonly rev: string,
  ) {
    super(root, () => gitOk(root, ['ls-tree', '-r', '-l', '-z', '--full-tree', rev], `git ls-tree ${rev}`).then(parseLsTree));
  }
}
