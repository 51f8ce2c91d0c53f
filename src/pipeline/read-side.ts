import { decodeText, tooLargeReason } from '../changes/decode.js';
import type { FileTree, ScanInput, ScanOutput, ScanTarget, Scanner } from '../model.js';

export type Decoded = { target: ScanTarget } | { error: string };

export interface ReadSide {
  (readPath: string, targetPath: string, addedLines: ScanTarget['addedLines']): Promise<Decoded>;
  /** Lets go of a file's text once no scanner still to run wants it. */
  forget(readPath: string, targetPath: string): void;
}

/**
 * Reads and decodes one side of a file once, however many scanners want it. The size is asked first
 * where the tree can tell it, so a 100 MB file is refused without loading it into memory.
 */
export function decoder(tree: FileTree, maxBytes: number): ReadSide {
  const cache = new Map<string, Promise<Decoded>>();
  const load = async (readPath: string, targetPath: string, addedLines: ScanTarget['addedLines']): Promise<Decoded> => {
    const size = tree.size ? await tree.size(readPath) : null;
    if (size !== null && size > maxBytes) return { error: tooLargeReason(size, maxBytes, false) };
    const bytes = await tree.read(readPath);
    if (bytes === null) return { error: 'file could not be read' };
    const text = decodeText(bytes, maxBytes);
    return text.ok ? { target: { path: targetPath, content: text.text, addedLines } } : { error: text.reason };
  };
  const read = (readPath: string, targetPath: string, addedLines: ScanTarget['addedLines']): Promise<Decoded> => {
    const key = `${readPath}\0${targetPath}`;
    let decoded = cache.get(key);
    if (!decoded) {
      decoded = load(readPath, targetPath, addedLines);
      cache.set(key, decoded);
    }
    return decoded;
  };
  return Object.assign(read, { forget: (readPath: string, targetPath: string) => void cache.delete(`${readPath}\0${targetPath}`) });
}

/**
 * The tree a scanner reads neighbours through (a chart's values, a kustomization's bases): a file over
 * the size limit reads as absent and is named once in `errors`, instead of being loaded whole.
 */
export function sizeGuardedTree(tree: FileTree, maxBytes: number, refuse: (path: string, size: number) => void): FileTree {
  const size = tree.size?.bind(tree);
  if (!size) return tree;
  return {
    read: async (path) => {
      const bytes = await size(path);
      if (bytes !== null && bytes > maxBytes) {
        refuse(path, bytes);
        return null;
      }
      return tree.read(path);
    },
    list: (dir) => tree.list(dir),
    size,
  };
}

export async function runScanner(scanner: Scanner, input: ScanInput): Promise<ScanOutput> {
  try {
    return await scanner.scan(input);
  } catch (error) {
    // A crashing scanner is a bug, but it must not take the other scanners' findings down with it.
    const reason = `scanner ${scanner.id} failed on the ${input.side} side: ${(error as Error).message ?? String(error)}`;
    return { findings: [], errors: [{ path: '.', reason, scanner: scanner.id }] };
  }
}
