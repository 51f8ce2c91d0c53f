import type { CliIo } from '../../src/commands/types.js';
import { badWordScanner, testServices } from './fakeScanner.js';

/** An in-memory CliIo with the fake BAD-word scanner as the manifests scanner. */
export function memoryIo(cwd: string, options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk: string) => out.push(chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: false },
    env: options.env ?? {},
    cwd,
    scan: { scannerImpls: { manifests: badWordScanner() }, services: testServices() },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** An in-memory CliIo running the real scanners, with the tests' fixed clock. */
export function realScannersIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk: string) => out.push(chunk), isTTY: false },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: false },
    env: {},
    cwd,
    scan: { services: testServices() },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
