import { headBatches } from '../../src/pipeline/head-batches.js';
import { decoder } from '../../src/pipeline/read-side.js';
import type { ChangedFile, FileTree } from '../../src/model.js';

function treeOf(files: Record<string, string>): FileTree & { reads: string[]; size: (path: string) => Promise<number | null> } {
  const reads: string[] = [];
  return {
    reads,
    size: async (path) => (path in files ? files[path]!.length : null),
    read: async (path) => {
      reads.push(path);
      return path in files ? new TextEncoder().encode(files[path]!) : null;
    },
    list: async () => Object.keys(files),
  };
}

const changed = (path: string): ChangedFile => ({ path, oldPath: path, status: 'added', addedLines: null }) as ChangedFile;

async function collect(independentFiles: boolean, files: Record<string, string>, batchBytes: number, withSizes = true) {
  const tree = treeOf(files);
  const failed: string[] = [];
  const batches: string[][] = [];
  const paths = [...Object.keys(files), 'missing.txt'];
  for await (const batch of headBatches({ independentFiles }, paths.map(changed), decoder(tree, 1_000_000), (f, reason) => failed.push(`${f.path}: ${reason}`), withSizes ? tree.size : undefined, batchBytes)) {
    batches.push(batch.map((t) => t.path));
  }
  return { batches, failed, tree };
}

describe('headBatches', () => {
  const files = { 'a.txt': 'x'.repeat(40), 'b.txt': 'y'.repeat(40), 'c.txt': 'z'.repeat(40), 'd.txt': 'w'.repeat(10) };

  it('gives a scanner of independent files batches within the limit, planned from sizes, every file once, in order', async () => {
    const { batches, failed } = await collect(true, files, 80);
    expect(batches).toEqual([['a.txt', 'b.txt'], ['c.txt', 'd.txt']]);
    expect(failed).toEqual(['missing.txt: file could not be read']);
    // A file larger than the limit is a batch of its own.
    expect((await collect(true, files, 30)).batches).toEqual([['a.txt'], ['b.txt'], ['c.txt'], ['d.txt']]);
  });

  it('reads each batch in one go, and everything at once when the tree cannot tell sizes', async () => {
    const { batches } = await collect(true, files, 80, false);
    expect(batches).toEqual([['a.txt', 'b.txt', 'c.txt', 'd.txt']]);
  });

  it('gives any other scanner all its files at once', async () => {
    const { batches, failed } = await collect(false, files, 70);
    expect(batches).toEqual([['a.txt', 'b.txt', 'c.txt', 'd.txt']]);
    expect(failed).toHaveLength(1);
  });

  it('reads a forgotten file again when a later scanner asks for it, and a kept one only once', async () => {
    const tree = treeOf(files);
    const read = decoder(tree, 1_000_000);
    await read('a.txt', 'a.txt', null);
    await read('b.txt', 'b.txt', null);
    read.forget('a.txt', 'a.txt');
    await read('a.txt', 'a.txt', null);
    await read('b.txt', 'b.txt', null);
    expect(tree.reads).toEqual(['a.txt', 'b.txt', 'a.txt']);
  });
});
