import { runEntry } from '../../src/action/entry.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { prRunner, pullRequestRepo, teachFake } from '../github/helpers/pr-repo.js';
import { json, startFakeServer, type Handler } from '../sca/helpers/fake-osv.js';
import { packageLock } from '../sca/helpers/package-lock.js';
import { record } from '../sca/helpers/osv-records.js';

// The whole action against a fake GitHub and a fake OSV API that fails: the check must never turn green
// because advisories could not be fetched, the summary must say SCA was incomplete, and what did arrive
// is still reported.
const FAST = { tuning: { writeSpacingMs: 0, retryBaseMs: 1, pollDelayMs: 0, pollAttempts: 1, requestTimeoutMs: 2000 }, sleep: async () => undefined };
const ADVISORY = record('GHSA-page-0001-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], { database_specific: { severity: 'CRITICAL' } });

async function runWithOsv(handler: Handler) {
  const osv = await startFakeServer(handler);
  const fake = new FakeGitHub();
  await fake.start();
  const pr = pullRequestRepo({
    base: { 'README.md': '# app\n', '.shiftguard.yml': `sca:\n  osvApiUrl: ${osv.url}\n` },
    head: { 'package-lock.json': packageLock({ lodash: '4.17.15' }) },
  });
  try {
    teachFake(fake, pr);
    const runner = prRunner(fake, pr, { scanners: 'sca', 'fail-on': 'critical' });
    const { exitCode } = await runEntry(runner.env, { ...FAST, write: () => undefined });
    return { exitCode, summary: runner.summary(), check: fake.checkRuns.at(-1) };
  } finally {
    await fake.stop();
    await osv.close();
    pr.repo.remove();
  }
}

test('OSV refuses every query (422): no finding to fail on, yet the check fails and says SCA was incomplete', async () => {
  const result = await runWithOsv((_req, _body, res) => json(res, 422, { message: 'invalid' }));
  expect(result.exitCode).toBe(1);
  expect(result.check?.conclusion).toBe('failure');
  expect(result.summary).toContain('SCA incomplete');
}, 60_000);

test('OSV fails on the second page: the advisory from the first page is reported, the check fails, SCA incomplete', async () => {
  const result = await runWithOsv((req, body, res) => {
    if (req.method === 'GET') return json(res, 200, ADVISORY);
    const token = (JSON.parse(body) as { queries: Array<{ page_token?: string }> }).queries[0]?.page_token;
    if (token) return json(res, 422, { message: 'bad page token' });
    return json(res, 200, { results: [{ vulns: [{ id: ADVISORY.id }], next_page_token: 'p2' }] });
  });
  expect(result.exitCode).toBe(1);
  expect(result.check?.conclusion).toBe('failure');
  expect(result.summary).toContain('SCA incomplete');
  expect(result.summary).toContain('GHSA-page-0001-0001');
}, 60_000);
