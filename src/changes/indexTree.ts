import type { FileTree } from '../model.js';
import { catBlobs } from './gitTree.js';
import { gitOk, splitNul } from './git.js';

interface Staged {
  mode: string;
  sha: string;
}

/** Parses `git ls-files --stage -z`: "mode sha stage\tpath"; only stage 0 (merged) entries have one blob. */
function parseStage(out: Buffer): Map<string, Staged> {
  const entries = new Map<string, Staged>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [mode = '', sha = '', stage] = entry.slice(0, tab).split(' ');
    if (stage === '0' && mode !== '160000') entries.set(entry.slice(tab + 1), { mode, sha });
  }
  return entries;
}

/**
 * A FileTree over the git index: what `git commit` would record, whatever the working tree holds.
 * Reads issued in the same tick share one `cat-file --batch` process, like GitTree.
 */
export class IndexTree implements FileTree {
  private entries: Promise<Map<string, Staged>> | null = null;
  private pending: { sha: string; resolve: (b: Uint8Array | null) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly root: string) {}

  private index(): Promise<Map<string, Staged>> {
    this.entries ??= gitOk(this.root, ['ls-files', '--stage', '-z', '--full-name'], 'git ls-files --stage').then(parseStage);
    return this.entries;
  }

  preload(): this {
    this.index().catch(() => undefined);
    return this;
  }

  async read(path: string): Promise<Uint8Array | null> {
    const entry = (await this.index()).get(path);
    if (!entry) return null;
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ sha: entry.sha, resolve, reject });
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
