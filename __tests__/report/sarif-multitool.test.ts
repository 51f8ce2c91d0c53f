// Microsoft's SARIF Multitool with the SARIF rules and GitHub code scanning's ingestion rules (Ghas):
// what we upload must draw no error and no warning.

import { toSarif } from '../../src/report/sarif.js';
import { fitToGitHubLimits } from '../../src/report/sarif-limits.js';
import type { SarifLog } from '../../src/report/sarif-types.js';
import { multitoolBinary, validateWithMultitool, type MultitoolOutcome } from '../helpers/sarif-multitool.js';
import { sampleReport } from './fixtures/report.js';
import { bulkReport } from './fixtures/bulk.js';

const binary = multitoolBinary();
if ('missing' in binary) {
  console.warn(`\n!!! SARIF Multitool validation NOT RUN: ${binary.missing} !!!\n`);
}
const describeWithMultitool = 'path' in binary ? describe : describe.skip;

function problems(outcome: MultitoolOutcome): string[] {
  return [...outcome.errors, ...outcome.warnings].map((i) => i.line);
}

describeWithMultitool('SARIF Multitool validate --rule-kind "Sarif;Ghas"', () => {
  const path = 'path' in binary ? binary.path : '';

  test('the single CLI run is clean', () => {
    const outcome = validateWithMultitool(path, toSarif(sampleReport(), { srcRoot: '/home/dev/my repo' }));
    expect(problems(outcome)).toEqual([]);
    // Notes are advice (message ids instead of text, snippets...); the network rule must really be off.
    expect(outcome.notes.map((n) => n.ruleId)).not.toContain('SARIF2006');
    console.log(`SARIF Multitool on the CLI run: 0 errors, 0 warnings, ${outcome.notes.length} notes`);
  });

  test('one run per scanner (the action upload) is clean', () => {
    const log = toSarif(sampleReport(), { splitByScanner: true, srcRoot: '/github/workspace' });
    expect(log.runs).toHaveLength(3);
    expect(problems(validateWithMultitool(path, log))).toEqual([]);
  });

  test('an empty report and a report without a known root are clean', () => {
    const empty = { ...sampleReport(), findings: [], errors: [] };
    expect(problems(validateWithMultitool(path, toSarif(empty)))).toEqual([]);
  });

  test('a log trimmed to GitHub limits, with its omission notices, is clean', () => {
    const fitted = fitToGitHubLimits(toSarif(bulkReport(40, { tags: 25 }), { splitByScanner: true }), { maxResultsPerRun: 10 });
    expect(fitted.omitted.results).toBeGreaterThan(0);
    expect(problems(validateWithMultitool(path, fitted.log))).toEqual([]);
  });

  test('it does catch a log code scanning would reject (the check is live)', () => {
    const log: SarifLog = toSarif(sampleReport());
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[] };
    delete broken.runs[0]!.tool.driver.rules[0]!['help'];
    const outcome = validateWithMultitool(path, broken);
    expect(outcome.errors.map((e) => e.ruleId)).toContain('GH2012');
  });
});
