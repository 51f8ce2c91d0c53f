import type { ChangedFile, FileTree, ScanError, ScanServices, Scanner } from '../model.js';
import { runScanner, sizeGuardedTree, type ReadSide } from './read-side.js';

export interface BaseSideInput {
  scanner: Scanner;
  /** Changed (not added) files the head scan flagged: only their base versions are asked about. */
  files: ChangedFile[];
  read: ReadSide;
  tree: FileTree;
  maxBytes: number;
  config: unknown;
  services: ScanServices;
}

export interface BaseSide {
  /** Base fingerprints per head path, only for files whose base was read and scanned cleanly. */
  fingerprints: Map<string, string[]>;
  /** One per flagged file whose base could not be compared, so "all new" is never silent. */
  warnings: ScanError[];
}

function uncompared(file: ChangedFile, why: string, scanner: Scanner): ScanError {
  const base = file.oldPath !== file.path ? ` (${file.oldPath})` : '';
  return {
    path: file.path,
    reason: `base version${base} could not be compared: ${why}; its findings are therefore reported as new`,
    scanner: scanner.id,
  };
}

/**
 * Scans the base version of the files the head flagged, to tell existing findings from new ones. A base
 * that cannot be read, decoded or scanned leaves the file without fingerprints, so its findings count
 * as new (fail closed) — and says so in a warning naming the file and the reason.
 */
export async function scanBaseSide(input: BaseSideInput): Promise<BaseSide> {
  const { scanner, files } = input;
  const fingerprints = new Map<string, string[]>();
  const warnings: ScanError[] = [];
  const decoded = await Promise.all(files.map((f) => input.read(f.oldPath, f.path, null)));
  const readable: ChangedFile[] = [];
  const targets = [];
  for (const [index, file] of files.entries()) {
    const side = decoded[index]!;
    if ('target' in side) {
      readable.push(file);
      targets.push(side.target);
    } else warnings.push(uncompared(file, side.error, scanner));
  }
  if (targets.length === 0) return { fingerprints, warnings };

  // On the base side a refused neighbour can only make a finding look new (fail closed); the head side named it.
  const tree = sizeGuardedTree(input.tree, input.maxBytes, () => undefined);
  const base = await runScanner(scanner, { targets, tree, side: 'base', config: input.config, services: input.services });
  const crash = base.errors.find((e) => e.path === '.');
  const failed = new Map(base.errors.map((e) => [e.path, e.reason]));
  for (const file of readable) {
    const why = crash ? crash.reason : failed.get(file.path);
    if (why !== undefined) warnings.push(uncompared(file, `the base scan failed: ${why}`, scanner));
    else fingerprints.set(file.path, []);
  }
  for (const finding of base.findings) fingerprints.get(finding.path)?.push(finding.fingerprint);
  return { fingerprints, warnings };
}
