import { UserError } from '../errors.js';
import { toolInfo } from '../version.js';
import { COMMANDS } from './index.js';
import type { CliIo } from './types.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: shiftguard <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (shiftguard <command> --help for a command)',
    '  -V, --version  print the version',
  ].join('\n');
}

/** The CLI: runs one command and returns the exit code (0 pass, 1 findings, 2 usage/config/fatal or an incomplete scan). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-h' || name === '--help') {
    io.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (name === '-V' || name === '--version') {
    io.stdout.write(`${toolInfo().version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(name === undefined ? `${usage()}\n` : `shiftguard: unknown command ${JSON.stringify(name)} (try shiftguard --help)\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof UserError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`;
    io.stderr.write(`shiftguard: ${message.split('\n')[0]}\n`);
    if (!(error instanceof UserError) && io.env.SHIFTGUARD_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}
