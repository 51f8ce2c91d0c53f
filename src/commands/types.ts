import type { ScanOptions } from '../scan.js';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything a command may touch of the outside world, injected so tests run main() in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Extra scan options for embedders and tests (fake scanners, services). */
  scan?: Pick<ScanOptions, 'services' | 'scannerImpls'>;
}

export interface Command {
  name: string;
  /** One line for `shiftguard --help`. */
  summary: string;
  /** Full usage text for `shiftguard <name> --help`. */
  usage: string;
  /** Returns the exit code; throws UserError for usage mistakes (exit 2). */
  run(argv: string[], io: CliIo): Promise<number>;
}
