import { affectedEntryCovers } from '../../src/scanners/sca/osv/match.js';
import { packageVersionKey } from '../../src/scanners/sca/sources/keys.js';
import { createOsvApiSource } from '../../src/scanners/sca/sources/osv-api.js';
import { json, startFakeServer, type Handler } from './helpers/fake-osv.js';
import { TRICKY } from './helpers/osv-records.js';

interface Query {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

// Answers like osv.dev: ids per query (two per page when paginating), full records by id.
function osvLike(log: { batches: number[]; vulnGets: string[] }, pageSize = 100): Handler {
  return (req, body, res) => {
    if (req.method === 'POST' && req.url === '/v1/querybatch') {
      const { queries } = JSON.parse(body) as { queries: Query[] };
      log.batches.push(queries.length);
      const results = queries.map((q) => {
        // Withdrawn records included: the client must drop them itself.
        const pkg = { ...q.package, version: q.version };
        const ids = TRICKY.filter((r) => (r.affected ?? []).some((e) => affectedEntryCovers(e, pkg))).map((r) => r.id);
        const start = Number(q.page_token ?? 0);
        const page = ids.slice(start, start + pageSize).map((id) => ({ id, modified: '2024-01-01T00:00:00Z' }));
        return start + pageSize < ids.length ? { vulns: page, next_page_token: String(start + pageSize) } : page.length ? { vulns: page } : {};
      });
      return json(res, 200, { results });
    }
    const id = decodeURIComponent(req.url?.replace('/v1/vulns/', '') ?? '');
    log.vulnGets.push(id);
    const record = TRICKY.find((r) => r.id === id);
    return record ? json(res, 200, record) : json(res, 404, { code: 5, message: 'Bug not found' });
  };
}

const fast = { backoffMs: 1, retries: 2 };
const lodash = { ecosystem: 'npm', name: 'lodash', version: '4.17.15' };
const ws = { ecosystem: 'npm', name: 'ws', version: '7.4.5' };

let server: Awaited<ReturnType<typeof startFakeServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('OSV API source', () => {
  it('queries in batches of at most 1000, follows page tokens and caches full records per run', async () => {
    const log = { batches: [] as number[], vulnGets: [] as string[] };
    server = await startFakeServer(osvLike(log, 1));
    const source = createOsvApiSource({ baseUrl: server.url, ...fast });
    const many = Array.from({ length: 2300 }, (_, i) => ({ ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0' }));
    const result = await source.query([...many, lodash, ws, { ...lodash, name: 'lodash.trim', version: '4.5.1' }]);
    expect(result.complete).toBe(true);
    expect(log.batches.slice(0, 3)).toEqual([1000, 1000, 303]);
    expect(result.byPackage.get(packageVersionKey(lodash))?.map((r) => r.id)).toEqual(['GHSA-lod1-0001-0001']);
    expect(result.byPackage.get(packageVersionKey(ws))?.[0]?.summary).toBe('ws DoS');
    // The withdrawn lodash record is returned by the fake but never reported.
    expect(log.vulnGets).toContain('GHSA-wdn1-0001-0001');
    const gets = log.vulnGets.length;
    await source.query([lodash]);
    expect(log.vulnGets.length).toBe(gets);
  });

  it('retries 5xx answers with backoff and then succeeds', async () => {
    const log = { batches: [] as number[], vulnGets: [] as string[] };
    const real = osvLike(log);
    let failures = 2;
    server = await startFakeServer((req, body, res) => (failures-- > 0 ? json(res, 503, 'unavailable') : real(req, body, res)));
    const sleeps: number[] = [];
    const source = createOsvApiSource({ baseUrl: server.url, backoffMs: 10, retries: 3, sleep: async (ms) => void sleeps.push(ms) });
    const result = await source.query([lodash]);
    expect(result.complete).toBe(true);
    expect(sleeps).toEqual([10, 20]);
  });

  it('says SCA is incomplete when the API keeps failing with 500', async () => {
    server = await startFakeServer((_req, _body, res) => json(res, 500, 'boom'));
    const result = await createOsvApiSource({ baseUrl: server.url, ...fast }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/^SCA incomplete: OSV API querybatch failed for 1 packages: HTTP 500 \(after 3 attempts\)/);
  });

  it('says SCA is incomplete when the API does not answer in time', async () => {
    server = await startFakeServer(() => undefined);
    const result = await createOsvApiSource({ baseUrl: server.url, ...fast, timeoutMs: 50 }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/timed out after 50 ms/);
  });

  it('says SCA is incomplete when the API answers malformed JSON', async () => {
    server = await startFakeServer((_req, _body, res) => json(res, 200, '{"results": [ {"vulns": '));
    const result = await createOsvApiSource({ baseUrl: server.url, ...fast }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/not JSON/);
  });

  it('keeps a finding for an id whose full record could not be fetched', async () => {
    const log = { batches: [] as number[], vulnGets: [] as string[] };
    const real = osvLike(log);
    server = await startFakeServer((req, body, res) => (req.method === 'GET' ? json(res, 502, 'bad gateway') : real(req, body, res)));
    const result = await createOsvApiSource({ baseUrl: server.url, ...fast }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.byPackage.get(packageVersionKey(lodash))?.map((r) => r.id)).toEqual(['GHSA-lod1-0001-0001', 'GHSA-wdn1-0001-0001']);
    expect(result.errors.map((e) => e.reason)).toContainEqual(expect.stringMatching(/record GHSA-lod1-0001-0001 could not be fetched: HTTP 502/));
  });
});
