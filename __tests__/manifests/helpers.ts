import type { FileTree, ScanOutput } from '../../src/model.js';
import { manifestsScanner } from '../../src/scanners/manifests/index.js';

export const emptyTree: FileTree = { read: async () => null, list: async () => [] };

/** Scans in-memory files through the real manifests scanner (`tree`: what it may read beside them). */
export function scanFiles(files: Record<string, string>, tree: FileTree = emptyTree): Promise<ScanOutput> {
  return manifestsScanner.scan({
    targets: Object.entries(files).map(([path, content]) => ({ path, content, addedLines: null })),
    tree,
    side: 'head',
    config: {},
    services: { now: () => new Date(0), log: () => undefined },
  });
}
