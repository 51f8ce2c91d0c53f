import { UserError } from '../errors.js';
import type { ChangeSet } from '../model.js';

export interface Shard {
  /** 1-based, as in `--shard 2/3`. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard must be i/n with 1 <= i <= n, got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** FNV-1a: stable across Node versions and machines, which is all a shard split needs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const GROUP_MARKERS = new Set(['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * The unit a file is sharded with: the outermost Helm chart or kustomization directory containing
 * it (those are rendered as a whole, so splitting them would lose or duplicate findings), else the
 * file itself. Roots are known from the markers among `paths`.
 */
export function shardKeys(paths: readonly string[]): Map<string, string> {
  const roots = new Set(paths.filter((p) => GROUP_MARKERS.has(p.slice(p.lastIndexOf('/') + 1))).map(dirOf));
  const keys = new Map<string, string>();
  for (const path of paths) {
    let key = path;
    for (let dir = dirOf(path); ; dir = dirOf(dir)) {
      if (roots.has(dir)) key = `${dir}/`;
      if (dir === '') break;
    }
    keys.set(path, key);
  }
  return keys;
}

/** Keeps only the files (and skipped entries) of one shard; every path lands in exactly one shard. */
export function selectShard(changeSet: ChangeSet, shard: Shard): ChangeSet {
  const all = [...changeSet.files.map((f) => f.path), ...changeSet.skipped.map((s) => s.path)];
  const keys = shardKeys(all);
  const mine = (path: string) => hash(keys.get(path) ?? path) % shard.count === shard.index - 1;
  return { ...changeSet, files: changeSet.files.filter((f) => mine(f.path)), skipped: changeSet.skipped.filter((s) => mine(s.path)) };
}
