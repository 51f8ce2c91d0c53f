import { crc32, deflateRawSync } from 'node:zlib';

export interface HostileEntry {
  /** Written as given: `../x`, absolute paths and all, which zip libraries refuse to create. */
  name: string;
  content: Buffer;
  /** A lie about the unpacked size, put in both headers in place of the real one. */
  declaredSize?: number;
}

/** A zip's fixed-size little-endian record: [bytes, value] fields in order. */
function record(fields: Array<[2 | 4, number]>): Buffer {
  const out = Buffer.alloc(fields.reduce((n, [bytes]) => n + bytes, 0));
  let at = 0;
  for (const [bytes, value] of fields) {
    if (bytes === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value >>> 0, at);
    at += bytes;
  }
  return out;
}

/**
 * Builds a deflated zip in memory with no checks at all (APPNOTE 4.3: local headers, central
 * directory, end record), so tests can hand the scanner archives a careful writer would never make.
 */
export function hostileZip(entries: HostileEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = deflateRawSync(entry.content);
    const size = entry.declaredSize ?? entry.content.length;
    const crc = crc32(entry.content);
    // version, flags (UTF-8 names), method 8 = deflate, time, date, crc, sizes, name length, extra length
    const common: Array<[2 | 4, number]> = [[2, 0x0800], [2, 8], [2, 0], [2, 0x21], [4, crc], [4, data.length], [4, size], [2, name.length], [2, 0]];
    const local = Buffer.concat([record([[4, 0x04034b50], [2, 20], ...common]), name, data]);
    central.push(record([[4, 0x02014b50], [2, 20], [2, 20], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]]), name);
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const end = record([[4, 0x06054b50], [2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, directory.length], [4, offset], [2, 0]]);
  return Buffer.concat([...locals, directory, end]);
}
