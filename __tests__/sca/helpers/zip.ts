import { createWriteStream } from 'node:fs';
import yazl from 'yazl';

/** Writes a zip of the given entries (name -> content) and resolves when it is on disk. */
export function writeZip(path: string, entries: Record<string, string | Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject);
  });
}
