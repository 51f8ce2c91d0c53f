// Packaged subcharts (charts/*.tgz) read in memory: gunzip with an output cap and a small ustar
// reader, so dependencies such as a shared helper library render with their parent. Nothing is
// written to disk and archive members never resolve outside their mount point.
import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FileTree } from '../../../model.js';

/** Uncompressed bytes allowed per archive: a chart is small, a zip bomb is not. */
const MAX_UNPACKED = 32 * 1024 * 1024;

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end < 0 ? slice : slice.subarray(0, end));
}

/** Members of a .tgz by path; throws an Error with a readable reason on a damaged or oversized archive. */
export function unpackTgz(bytes: Uint8Array): Map<string, Uint8Array> {
  const tar = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED });
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | null = null;
  let paxPath: string | null = null;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) throw new Error('damaged tar header');
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const body = tar.subarray(offset + 512, offset + 512 + size);
    let name = longName ?? paxPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = null;
    paxPath = null;
    if (type === 'L') longName = new TextDecoder().decode(body).replace(/\0.*$/s, '');
    else if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(body))?.[1] ?? null;
    else if (type === '0' || type === '\0') {
      name = posix.normalize(name.replace(/^\.?\//, ''));
      if (!name.startsWith('../') && name !== '..' && !name.startsWith('/')) files.set(name, body);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** A FileTree that shows an archive's members under `mount` and defers everything else to `base`. */
export function mountArchive(base: FileTree, mount: string, members: Map<string, Uint8Array>): FileTree {
  const prefix = `${mount}/`;
  return {
    read: async (path) => (path.startsWith(prefix) ? (members.get(path.slice(prefix.length)) ?? null) : base.read(path)),
    list: async (dir) => {
      if (dir === mount || dir.startsWith(prefix)) {
        const inner = dir === mount ? '' : `${dir.slice(prefix.length)}/`;
        return [...members.keys()].filter((p) => p.startsWith(inner)).map((p) => prefix + p).sort();
      }
      return base.list(dir);
    },
  };
}

/** Positions inside a packaged subchart are reported on the archive file itself. */
export function archivePath(path: string): string | null {
  const at = path.indexOf('.tgz/');
  return at < 0 ? null : path.slice(0, at + 4);
}
