import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCANNER_IDS } from '../model.js';
import { baselineToJson, buildBaseline, parseBaseline, type Baseline } from '../policy/baseline.js';
import { runScan } from '../run.js';
import { planScan } from '../scan.js';
import { oneOf, parsingArgs } from './args.js';
import type { Command } from './types.js';

const DEFAULT_OUTPUT = '.shiftguard-baseline.json';

const usage = `Usage: shiftguard baseline [PATH...] [options]

Scans every file under the PATHs (default: .) and writes the fingerprints of the current findings
(rule, path, date; never content) to a baseline file. Point \`baseline:\` in .shiftguard.yml (or
scan --baseline) at it: those findings are then reported as existing, not failed on, and the summary
says when one is gone. Entries already in the output file keep their date.

Options:
  --output FILE        where to write (default: ${DEFAULT_OUTPUT})
  --config FILE        config file (default: .shiftguard.yml in the scanned root)
  --scanners LIST      comma-separated subset of ${SCANNER_IDS.join(',')}
  --advisory-db PATH   directory or zip of OSV records (offline SCA)
  -h, --help           show this help`;

async function previousBaseline(file: string): Promise<Baseline | undefined> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? undefined : parseBaseline(text, file);
}

export const baselineCommand: Command = {
  name: 'baseline',
  summary: 'record the current findings as accepted (adopting shiftguard on an old repository)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('baseline', () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          output: { type: 'string', default: DEFAULT_OUTPUT },
          config: { type: 'string' },
          scanners: { type: 'string' },
          'advisory-db': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const scanners = values.scanners?.split(',').map((s) => oneOf('--scanners', s.trim(), SCANNER_IDS));
    const plan = await planScan({
      cwd: io.cwd,
      paths: positionals,
      config: values.config,
      scanners,
      advisoryDb: values['advisory-db'],
      baseline: false,
      ...io.scan,
    });
    const report = await runScan(plan);
    const output = resolve(io.cwd, values.output);
    const baseline = buildBaseline(report.findings, plan.services.now(), await previousBaseline(output));
    await writeFile(output, baselineToJson(baseline));
    io.stderr.write(`shiftguard: ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} written to ${values.output}\n`);
    return 0;
  },
};
