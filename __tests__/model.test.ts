import { severityRank } from '../src/model.js';

test('severity ranks order critical above info', () => {
  expect(severityRank('critical')).toBeGreaterThan(severityRank('high'));
  expect(severityRank('info')).toBe(0);
});
