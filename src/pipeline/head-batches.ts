import type { ChangedFile, ScanTarget, Scanner } from '../model.js';
import type { Decoded, ReadSide } from './read-side.js';

/** Text handed to a scanner of independent files at once (UTF-16 code units, so about 32 MB). */
export const BATCH_CHARS = 16 * 1024 * 1024;
/** Files read at the same time while a batch fills. */
const READ_CONCURRENCY = 64;

/**
 * The head side of a scanner's files, decoded, in the batches the scanner is given: all at once for a
 * scanner that looks across files (charts, overlays, lockfiles with their manifests), in batches of
 * about BATCH_CHARS for one whose files are independent. Files that cannot be decoded go to `failed`.
 */
export async function* headBatches(
  scanner: Pick<Scanner, 'independentFiles'>,
  files: readonly ChangedFile[],
  read: ReadSide,
  failed: (file: ChangedFile, reason: string) => void,
  batchChars = BATCH_CHARS,
): AsyncGenerator<ScanTarget[]> {
  const limit = scanner.independentFiles ? batchChars : Infinity;
  const group = scanner.independentFiles ? READ_CONCURRENCY : Math.max(1, files.length);
  let batch: ScanTarget[] = [];
  let chars = 0;
  for (let start = 0; start < files.length; start += group) {
    const slice = files.slice(start, start + group);
    const decoded: Decoded[] = await Promise.all(slice.map((f) => read(f.path, f.path, f.addedLines)));
    for (const [index, file] of slice.entries()) {
      const result = decoded[index]!;
      if (!('target' in result)) {
        failed(file, result.error);
        continue;
      }
      batch.push(result.target);
      chars += result.target.content.length;
      if (chars >= limit) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
  }
  if (batch.length > 0) yield batch;
}
