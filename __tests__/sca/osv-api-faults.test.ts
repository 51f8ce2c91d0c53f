import type { ServerResponse } from 'node:http';
import { packageVersionKey } from '../../src/scanners/sca/sources/keys.js';
import { createOsvApiSource } from '../../src/scanners/sca/sources/osv-api.js';
import { json, startFakeServer } from './helpers/fake-osv.js';
import { record } from './helpers/osv-records.js';

// Faults the OSV API (or a proxy in front of it) can answer with, beyond plain 5xx, timeouts and bad JSON.
const lodash = { ecosystem: 'npm', name: 'lodash', version: '4.17.15' };
const RECORDS = ['GHSA-aaaa-0001-0001', 'GHSA-bbbb-0001-0001'].map((id) => record(id, 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]));

let server: Awaited<ReturnType<typeof startFakeServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** One id a page; `fail(page, res)` may answer a page itself (true) instead of the normal answer. */
async function paged(fail: (page: number, res: ServerResponse) => boolean) {
  const log: string[] = [];
  server = await startFakeServer((req, body, res) => {
    if (req.method === 'POST') {
      const page = Number((JSON.parse(body) as { queries: Array<{ page_token?: string }> }).queries[0]?.page_token ?? 0);
      log.push(`querybatch page ${page}`);
      if (fail(page, res)) return;
      const vulns = [{ id: RECORDS[page]!.id }];
      return json(res, 200, { results: [page + 1 < RECORDS.length ? { vulns, next_page_token: String(page + 1) } : { vulns }] });
    }
    log.push(`GET ${req.url}`);
    const found = RECORDS.find((r) => req.url === `/v1/vulns/${r.id}`);
    return found ? json(res, 200, found) : json(res, 404, { message: 'not found' });
  });
  return log;
}

/** A rate-limit answer naming how long to wait. */
function limited(res: ServerResponse, status: number, retryAfter: string): true {
  res.writeHead(status, { 'content-type': 'application/json', 'retry-after': retryAfter });
  res.end('{"message":"rate limited"}');
  return true;
}

/** The source with recorded (not slept) waits. */
function sourceRecordingSleeps(retries: number) {
  const sleeps: number[] = [];
  const source = createOsvApiSource({ baseUrl: server!.url, backoffMs: 10, retries, sleep: async (ms) => void sleeps.push(ms) });
  return { sleeps, source };
}

describe('OSV API faults', () => {
  test('403 with retry-after (a rate limit) is retried after the time it names, then succeeds', async () => {
    let once = 1;
    await paged((_page, res) => once-- > 0 && limited(res, 403, '2'));
    const { sleeps, source } = sourceRecordingSleeps(2);
    const result = await source.query([lodash]);
    expect(sleeps).toEqual([2000]);
    expect(result.complete).toBe(true);
    expect(result.byPackage.get(packageVersionKey(lodash))?.map((r) => r.id)).toEqual(RECORDS.map((r) => r.id));
  });

  test('a retry-after of an hour is not waited out: capped, then SCA incomplete', async () => {
    await paged((_page, res) => limited(res, 429, '3600'));
    const { sleeps, source } = sourceRecordingSleeps(1);
    const result = await source.query([lodash]);
    expect(sleeps).toEqual([60_000]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/^SCA incomplete: .*HTTP 429 \(after 2 attempts\)/);
  });

  test.each([
    [403, 'a 403 without retry-after (forbidden, not a rate limit)'],
    [422, 'a 422 (the query was refused)'],
  ])('%s: not retried, SCA incomplete, named by the endpoint: %s', async (status) => {
    const log = await paged((_page, res) => (json(res, status, { message: 'no' }), true));
    const result = await createOsvApiSource({ baseUrl: server!.url, backoffMs: 1, retries: 3 }).query([lodash]);
    expect(log).toEqual(['querybatch page 0']);
    expect(result.complete).toBe(false);
    expect(result.errors).toEqual([{ path: `${server!.url}/v1/querybatch`, reason: `SCA incomplete: OSV API querybatch failed for 1 packages: HTTP ${status}`, scanner: 'sca' }]);
  });

  test('502 on every attempt: retried, then SCA incomplete', async () => {
    const log = await paged((_page, res) => (json(res, 502, '<html>Bad Gateway</html>'), true));
    const result = await createOsvApiSource({ baseUrl: server!.url, backoffMs: 1, retries: 2 }).query([lodash]);
    expect(log).toHaveLength(3);
    expect(result.errors[0]?.reason).toMatch(/HTTP 502 \(after 3 attempts\)/);
  });

  test('partial pagination: page 2 fails mid-way; the advisory from page 1 is still reported, SCA incomplete', async () => {
    const log = await paged((page, res) => (page === 1 ? (json(res, 500, 'boom'), true) : false));
    const result = await createOsvApiSource({ baseUrl: server!.url, backoffMs: 1, retries: 1 }).query([lodash]);
    expect(log.filter((l) => l.startsWith('querybatch'))).toEqual(['querybatch page 0', 'querybatch page 1', 'querybatch page 1']);
    expect(result.complete).toBe(false);
    expect(result.byPackage.get(packageVersionKey(lodash))?.map((r) => r.id)).toEqual([RECORDS[0]!.id]);
    expect(result.errors[0]?.reason).toMatch(/querybatch failed for 1 packages: HTTP 500/);
  });
});
