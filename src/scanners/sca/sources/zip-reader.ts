import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { WindowedFileReader } from './windowed-reader.js';

// Streaming reader for advisory zips (OSV's per-ecosystem all.zip). yauzl reads the central directory
// and inflates one entry at a time, checks that inflated sizes match the declared ones
// (validateEntrySizes) and refuses absolute and "../" entry names, so a hostile archive cannot make
// us trust a declared size or write outside; node's zlib alone would need all of that rebuilt by hand.

export interface ZipLimits {
  /** Largest uncompressed size of one entry (an OSV record is a few KiB). */
  maxEntryBytes: number;
  /** Largest sum of uncompressed sizes over the archive. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for entries of at least ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipVisit {
  limits: ZipLimits;
  /** Which entries to inflate (by position in the central directory); all when absent. */
  want?: (index: number, name: string) => boolean;
  onEntry: (index: number, name: string, data: Buffer) => void;
}

function open(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    let reader: WindowedFileReader;
    try {
      reader = WindowedFileReader.open(path);
    } catch (err) {
      return reject(err);
    }
    yauzl.fromRandomAccessReader(reader, reader.size, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        reader.closeQuietly();
        return reject(err ?? new Error('cannot open'));
      }
      resolve(zip);
    });
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error(`cannot read ${entry.fileName}`));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    });
  });
}

/** Why an entry's declared sizes look like a zip bomb, or null. */
function bombReason(entry: Entry, total: number, limits: ZipLimits): string | null {
  const size = entry.uncompressedSize;
  if (size > limits.maxEntryBytes) return `entry ${entry.fileName} unpacks to ${size} bytes (limit ${limits.maxEntryBytes})`;
  if (total > limits.maxTotalBytes) return `entries unpack to more than ${limits.maxTotalBytes} bytes`;
  if (size >= limits.ratioFloorBytes && size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
    return `entry ${entry.fileName} has a compression ratio over ${limits.maxRatio}:1`;
  }
  return null;
}

/**
 * Visits the JSON entries of a zip in central-directory order. Rejects with a readable reason when the
 * archive is corrupt, names a path outside itself, or unpacks to absurd sizes.
 */
export async function visitZipEntries(path: string, visit: ZipVisit): Promise<void> {
  const zip = await open(path);
  let total = 0;
  let index = -1;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      zip.close();
      reject(err);
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      index++;
      total += entry.uncompressedSize;
      const bomb = bombReason(entry, total, visit.limits);
      if (bomb) return fail(new Error(`looks like a zip bomb: ${bomb}`));
      const name = entry.fileName;
      if (name.endsWith('/') || !name.endsWith('.json') || (visit.want && !visit.want(index, name))) return zip.readEntry();
      const at = index;
      readEntry(zip, entry)
        .then((data) => {
          visit.onEntry(at, name, data);
          zip.readEntry();
        })
        .catch(fail);
    });
    zip.readEntry();
  });
}
