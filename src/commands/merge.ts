import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { FORMATS, type Format } from '../report/formats.js';
import { mergeReports, type JsonReport } from '../shard/merge.js';
import { oneOf, parsingArgs } from './args.js';
import type { Command } from './types.js';
import { verdictExit } from './verdict-exit.js';
import { writeReport } from './write-report.js';

const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

const usage = `Usage: shiftguard merge REPORT... [options]

Combines the JSON reports of \`shiftguard scan --shard I/N\` runs into one report, as an unsharded
run would give: findings deduplicated, errors unioned, the summary and verdict recomputed.

Options:
  --format FORMAT   ${FORMAT_NAMES.join('|')} (default: text)
  --output FILE     write the report to FILE instead of stdout
  -h, --help        show this help

Exit codes: 0 pass, 1 new findings at or above the threshold, 2 usage error, unreadable report, or an
incomplete scan (a shard's errors, unless every shard ran with failOnError false).`;

async function readReport(cwd: string, path: string): Promise<JsonReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(resolve(cwd, path), 'utf8'));
  } catch (error) {
    throw new UserError(`merge: cannot read ${path}: ${(error as Error).message}`);
  }
  const r = parsed as Partial<JsonReport> | null;
  if (!r || !Array.isArray(r.findings) || !Array.isArray(r.errors) || typeof r.summary !== 'object' || r.summary === null) {
    throw new UserError(`merge: ${path} is not a shiftguard JSON report (scan --format json)`);
  }
  return r as JsonReport;
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine JSON reports of sharded scans into one',
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('merge', () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { format: { type: 'string', default: 'text' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const format = oneOf('--format', values.format, FORMAT_NAMES);
    if (positionals.length === 0) throw new UserError('merge: give at least one JSON report');
    const report = mergeReports(await Promise.all(positionals.map((p) => readReport(io.cwd, p))));
    await writeReport(io, report, { format, output: values.output, srcRoot: io.cwd });
    return verdictExit(report, io.stderr);
  },
};
