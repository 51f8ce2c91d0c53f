import type { ChangedFile, ScanTarget, Scanner } from '../model.js';
import type { Decoded, ReadSide } from './read-side.js';

/** Bytes of files handed to a scanner of independent files at once. */
export const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * The head side of a scanner's files, decoded, in the batches the scanner is given: all at once for a
 * scanner that looks across files (charts, overlays, lockfiles with their manifests), in batches of
 * about BATCH_BYTES for one whose files are independent. Batches are planned from the files' sizes
 * and each is read in one go (a git tree serves one batch with one `cat-file` process). Files that
 * cannot be decoded go to `failed`.
 */
export async function* headBatches(
  scanner: Pick<Scanner, 'independentFiles'>,
  files: readonly ChangedFile[],
  read: ReadSide,
  failed: (file: ChangedFile, reason: string) => void,
  sizeOf: ((path: string) => Promise<number | null>) | undefined,
  batchBytes = BATCH_BYTES,
): AsyncGenerator<ScanTarget[]> {
  for (const group of await plan(scanner.independentFiles === true, files, sizeOf, batchBytes)) {
    const decoded: Decoded[] = await Promise.all(group.map((f) => read(f.path, f.path, f.addedLines)));
    const batch: ScanTarget[] = [];
    for (const [index, file] of group.entries()) {
      const result = decoded[index]!;
      if ('target' in result) batch.push(result.target);
      else failed(file, result.error);
    }
    if (batch.length > 0) yield batch;
  }
}

async function plan(
  independent: boolean,
  files: readonly ChangedFile[],
  sizeOf: ((path: string) => Promise<number | null>) | undefined,
  batchBytes: number,
): Promise<ChangedFile[][]> {
  if (!independent || !sizeOf || files.length === 0) return files.length > 0 ? [[...files]] : [];
  const sizes = await Promise.all(files.map((f) => sizeOf(f.path)));
  const groups: ChangedFile[][] = [];
  let group: ChangedFile[] = [];
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    const size = sizes[index] ?? 0;
    if (group.length > 0 && bytes + size > batchBytes) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(file);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
