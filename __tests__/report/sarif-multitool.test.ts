// Microsoft's SARIF Multitool with the SARIF rules and GitHub code scanning's ingestion rules (Ghas):
// what we upload must draw no error and no warning.

import { toSarif } from '../../src/report/sarif.js';
import { fitToGitHubLimits } from '../../src/report/sarif-limits.js';
import { multitoolBinary, validateWithMultitool, type MultitoolOutcome } from '../helpers/sarif-multitool.js';
import { rmSync } from 'node:fs';
import { bulkReport } from './fixtures/bulk.js';
import { scanBuiltinSamples } from './fixtures/builtin-scan.js';
import { sampleReport } from './fixtures/report.js';

const binary = multitoolBinary();
if ('missing' in binary) {
  console.warn(`\n!!! SARIF Multitool validation NOT RUN: ${binary.missing} !!!\n`);
}
const describeWithMultitool = 'path' in binary ? describe : describe.skip;

function problems(outcome: MultitoolOutcome | undefined): string[] {
  if (!outcome) throw new Error('no Multitool outcome for this log');
  return [...outcome.errors, ...outcome.warnings].map((i) => i.line);
}

type Loose = { runs: { tool: { driver: Record<string, unknown> & { rules: Record<string, unknown>[] } } }[] };

function brokenLog(): unknown {
  const log = JSON.parse(JSON.stringify(toSarif(sampleReport()))) as Loose;
  // A rule without help: GitHub code scanning's ingestion requires it (an error, GH2012).
  delete log.runs[0]!.tool.driver.rules[0]!['help'];
  // A tool without informationUri: a warning (SARIF2005), which the Multitool reports without a level.
  delete log.runs[0]!.tool.driver['informationUri'];
  return log;
}

describeWithMultitool('SARIF Multitool validate --rule-kind "Sarif;Ghas"', () => {
  let outcomes: Record<string, MultitoolOutcome> = {};
  // A broken scanner fails the real-scan test alone, not the checks on hand-made logs.
  let realScanError: unknown = null;

  beforeAll(async () => {
    const real = await scanBuiltinSamples().catch((error: unknown) => {
      realScanError = error;
      return null;
    });
    if (real) rmSync(real.root, { recursive: true, force: true });
    const fitted = fitToGitHubLimits(toSarif(bulkReport(40, { tags: 25 }), { splitByScanner: true }), { maxResultsPerRun: 10 });
    expect(fitted.omitted.results).toBeGreaterThan(0);
    outcomes = validateWithMultitool('path' in binary ? binary.path : '', {
      cli: toSarif(sampleReport(), { srcRoot: '/home/dev/my repo' }),
      action: toSarif(sampleReport(), { splitByScanner: true, srcRoot: '/github/workspace' }),
      empty: toSarif({ ...sampleReport(), findings: [], errors: [] }),
      'empty-runs': toSarif(
        { ...sampleReport(), findings: [], errors: [], warnings: [], rules: [] },
        { splitByScanner: true, scanners: ['secrets', 'sca', 'manifests'] },
      ),
      fitted: fitted.log,
      broken: brokenLog(),
      ...(real ? { 'builtin-samples': toSarif(real.report, { splitByScanner: true, srcRoot: real.root }) } : {}),
    });
  });

  test('the single CLI run is clean', () => {
    const cli = outcomes['cli']!;
    expect(problems(cli)).toEqual([]);
    // Notes are advice (message ids instead of text, snippets...); the network rule must really be off.
    expect(cli.notes.map((n) => n.ruleId)).not.toContain('SARIF2006');
    console.log(`SARIF Multitool on the CLI run: 0 errors, 0 warnings, ${cli.notes.length} notes`);
  });

  test('one run per scanner (the action upload) is clean', () => {
    expect(problems(outcomes['action'])).toEqual([]);
  });

  test('an empty report without a known root, and runs with nothing in them, are clean', () => {
    expect(problems(outcomes['empty'])).toEqual([]);
    expect(problems(outcomes['empty-runs'])).toEqual([]);
  });

  test('a log trimmed to GitHub limits, with its omission notices, is clean', () => {
    expect(problems(outcomes['fitted'])).toEqual([]);
  });

  test('a real scan of the built-in rules\' failing samples is clean', () => {
    if (realScanError) throw realScanError;
    expect(problems(outcomes['builtin-samples'])).toEqual([]);
  });

  test('it does catch a log code scanning would reject (the check is live)', () => {
    expect(outcomes['broken']!.errors.map((e) => e.ruleId)).toContain('GH2012');
    expect(outcomes['broken']!.warnings.map((e) => e.ruleId)).toContain('SARIF2005');
  });
});
