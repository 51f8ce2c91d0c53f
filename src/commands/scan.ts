import { FAIL_ON } from '../config.js';
import { SCANNER_IDS } from '../model.js';
import { FORMATS, type Format } from '../report/formats.js';
import { runScan } from '../run.js';
import { planScan } from '../scan.js';
import { parseShard, selectShard } from '../shard/shard.js';
import { parseArgs } from 'node:util';
import { oneOf, parsingArgs } from './args.js';
import { startProgress } from './progress.js';
import type { Command } from './types.js';
import { verdictExit } from './verdict-exit.js';
import { writeReport } from './write-report.js';

const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

const usage = `Usage: shiftguard scan [PATH...] [options]

Scans files for secrets, vulnerable dependencies and manifest misconfigurations.
Without --base every file under the PATHs (default: .) counts as wholly changed.

Options:
  --base REF           only what changed since the merge base of REF and HEAD (or --head);
                       findings carry "new"
  --head REF           the head commit for --base (default: the working tree)
  --staged             only what is staged for the next commit (the git index against HEAD);
                       for pre-commit hooks
  --config FILE        config file (default: .shiftguard.yml in the scanned root)
  --baseline FILE      accepted findings (shiftguard baseline): reported, not failed on
                       (default: the config's baseline key)
  --format FORMAT      ${FORMAT_NAMES.join('|')} (default: text)
  --output FILE        write the report to FILE instead of stdout
  --fail-on SEVERITY   ${FAIL_ON.join('|')}: lowest severity of a new finding that fails (exit 1)
  --fail-on-error BOOL true|false: whether what could not be scanned (a file that does not parse, an
                       advisory source that does not answer) fails the run with exit 2 (default: the
                       config's failOnError, itself true); false lists the errors as a warning only
  --scanners LIST      comma-separated subset of ${SCANNER_IDS.join(',')}
  --advisory-db PATH   directory or zip of OSV records (offline SCA)
  --shard I/N          scan only shard I of N (stable split by path; a Helm chart or kustomization
                       stays whole); combine the JSON reports with \`shiftguard merge\`
  -h, --help           show this help

Exit codes: 0 no new finding at or above the threshold, 1 there is one, 2 usage, config or fatal error,
or an incomplete scan (files or sources that could not be scanned, unless --fail-on-error false), with a
one-line reason on stderr. The verdict is the one the GitHub Action gives.`;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'scan files or the changes since a base ref',
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('scan', () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          base: { type: 'string' },
          head: { type: 'string' },
          staged: { type: 'boolean' },
          config: { type: 'string' },
          baseline: { type: 'string' },
          format: { type: 'string', default: 'text' },
          output: { type: 'string' },
          'fail-on': { type: 'string' },
          'fail-on-error': { type: 'string' },
          scanners: { type: 'string' },
          'advisory-db': { type: 'string' },
          shard: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const format = oneOf('--format', values.format, FORMAT_NAMES);
    const failOn = values['fail-on'] === undefined ? undefined : oneOf('--fail-on', values['fail-on'], FAIL_ON);
    const failOnError = values['fail-on-error'] === undefined ? undefined : oneOf('--fail-on-error', values['fail-on-error'], ['true', 'false'] as const) === 'true';
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const scanners = values.scanners?.split(',').map((s) => oneOf('--scanners', s.trim(), SCANNER_IDS));

    const plan = await planScan({
      cwd: io.cwd,
      paths: positionals,
      base: values.base,
      head: values.head,
      staged: values.staged,
      config: values.config,
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
      scanners,
      failOn,
      ...(failOnError !== undefined ? { failOnError } : {}),
      advisoryDb: values['advisory-db'],
      ...io.scan,
    });
    const progress = startProgress(io.stderr);
    let report;
    try {
      const changeSet = shard ? selectShard(plan.changeSet, shard) : plan.changeSet;
      report = await runScan({ ...plan, changeSet, services: { ...plan.services, log: progress.log } });
    } finally {
      progress.stop();
    }

    for (const warning of report.warnings ?? []) io.stderr.write(`shiftguard: warning: ${warning.path}: ${warning.reason}\n`);
    await writeReport(io, report, { format, output: values.output, srcRoot: plan.changeSet.root });
    return verdictExit(report, io.stderr);
  },
};
