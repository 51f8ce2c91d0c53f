import { FORMATS } from '../../src/report/formats.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { sampleReport } from './fixtures/report.js';

test('`--format sarif` prints one valid SARIF run, newline-terminated', () => {
  const text = FORMATS.sarif(sampleReport(), { color: false, srcRoot: '/work/repo' });
  expect(text.endsWith('}\n')).toBe(true);
  const log = JSON.parse(text) as { runs: unknown[] };
  expect(log.runs).toHaveLength(1);
  expect(sarifSchemaErrors(log)).toEqual([]);
});
