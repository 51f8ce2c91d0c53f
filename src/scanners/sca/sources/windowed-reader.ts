import { close, fstatSync, openSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';

// A yauzl RandomAccessReader over a file that serves reads from two cached 4 MiB windows (one follows
// the central directory at the end, one the entry data from the start). yauzl's own fd reader issues
// a few thread-pool reads per entry, and for OSV's npm all.zip (200,000 entries) that latency, not
// inflating, dominated: 176 s to read every entry here, against a few seconds with windows. Reads are
// synchronous because each is a large sequential one from the page cache.

const WINDOW = 4 * 1024 * 1024;

interface Window {
  start: number;
  bytes: Buffer;
}

export class WindowedFileReader extends yauzl.RandomAccessReader {
  private windows: Window[] = [];

  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  static open(path: string): WindowedFileReader {
    const fd = openSync(path, 'r');
    return new WindowedFileReader(fd, fstatSync(fd).size);
  }

  private readAt(start: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.size - start)));
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(this.fd, bytes, done, bytes.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return bytes.subarray(0, done);
  }

  private slice(start: number, end: number): Buffer {
    for (const w of this.windows) {
      if (start >= w.start && end <= w.start + w.bytes.length) return w.bytes.subarray(start - w.start, end - w.start);
    }
    if (end - start > WINDOW) return this.readAt(start, end - start);
    const window = { start, bytes: this.readAt(start, WINDOW) };
    // Keep the most recently loaded two windows.
    this.windows = [window, ...this.windows].slice(0, 2);
    if (end > start + window.bytes.length) throw new Error(`unexpected end of file at ${start + window.bytes.length}`);
    return window.bytes.subarray(0, end - start);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const stream = new PassThrough();
    try {
      stream.end(this.slice(start, end));
    } catch (err) {
      process.nextTick(() => stream.destroy(err as Error));
    }
    return stream;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    try {
      this.slice(position, position + length).copy(buffer, offset);
      process.nextTick(callback, null);
    } catch (err) {
      process.nextTick(callback, err as Error);
    }
  }

  override close(callback: (err: Error | null) => void): void {
    this.windows = [];
    close(this.fd, (err) => callback(err ?? null));
  }

  /** For a reader yauzl never took ownership of (the archive was rejected while opening). */
  closeQuietly(): void {
    this.close(() => undefined);
  }
}
