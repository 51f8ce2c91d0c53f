import type { RawFinding, ScanOutput, ScanTarget } from '../../src/model.js';
import { secretsScanner } from '../../src/scanners/secrets/index.js';

/** Runs the real secrets scanner over in-memory files. */
export async function scanFiles(files: Record<string, string>, config: unknown = undefined, added?: Record<string, number[]>): Promise<ScanOutput> {
  const targets: ScanTarget[] = Object.entries(files).map(([path, content]) => ({
    path,
    content,
    addedLines: added?.[path] ? new Set(added[path]) : null,
  }));
  return secretsScanner.scan({
    targets,
    tree: { read: async () => null, list: async () => [] },
    side: 'head',
    config,
    services: { now: () => new Date(0), log: () => undefined },
  });
}

export async function scanText(content: string, path = 'snippet.txt'): Promise<RawFinding[]> {
  const out = await scanFiles({ [path]: content });
  return out.findings;
}

/** Deterministic fake token material for tests (never a real credential). */
export function fakeChars(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = 7): string {
  let out = '';
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += alphabet[(s >>> 8) % alphabet.length];
  }
  return out;
}
