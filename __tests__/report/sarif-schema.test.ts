// Our SARIF against the official SARIF 2.1.0 JSON schema.

import { toSarif } from '../../src/report/sarif.js';
import { fitToGitHubLimits } from '../../src/report/sarif-limits.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { bulkReport } from './fixtures/bulk.js';
import { sampleReport } from './fixtures/report.js';

test('the single run (every field exercised) validates', () => {
  expect(sarifSchemaErrors(toSarif(sampleReport(), { srcRoot: '/home/dev/my repo' }))).toEqual([]);
});

test('one run per scanner validates', () => {
  expect(sarifSchemaErrors(toSarif(sampleReport(), { splitByScanner: true }))).toEqual([]);
});

test('an empty report validates', () => {
  expect(sarifSchemaErrors(toSarif({ ...sampleReport(), findings: [], errors: [], rules: [] }))).toEqual([]);
});

test('a log fitted to GitHub limits, with its omission notifications, validates', () => {
  const fitted = fitToGitHubLimits(toSarif(bulkReport(60, { tags: 30 })), { maxResultsPerRun: 20 });
  expect(fitted.omitted.results).toBe(40);
  expect(sarifSchemaErrors(fitted.log)).toEqual([]);
});

test('the validator rejects what the schema forbids (the check is live)', () => {
  const log = toSarif(sampleReport());
  const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
  expect(sarifSchemaErrors(broken).join('\n')).toMatch(/startLine/);
});
