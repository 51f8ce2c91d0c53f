import type { ScanError } from '../../../model.js';
import type { PackageRef } from '../osv/match.js';
import { toOsvRecord, type OsvRecord } from '../osv/record.js';
import { requestJson, type HttpJsonOptions } from './http-json.js';
import { packageVersionKey } from './keys.js';
import type { AdvisoryQueryResult, AdvisorySource } from './types.js';

// The OSV API (https://google.github.io/osv.dev/api/): POST /v1/querybatch answers which vulnerability
// ids affect each package version (ids only, paginated per query), then GET /v1/vulns/{id} gives the
// full records. osv.dev does the matching, so records are taken as they come (withdrawn ones aside).

export const OSV_BATCH_LIMIT = 1000;

export interface OsvApiOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Full-record requests in flight at once. */
  concurrency?: number;
}

interface PendingQuery {
  pkg: PackageRef;
  pageToken?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The ids and next page token of each querybatch result, or null when the body is not that shape. */
function batchResults(body: unknown, expected: number): Array<{ ids: string[]; next?: string }> | null {
  if (!isObject(body)) return null;
  const results = body.results ?? [];
  if (!Array.isArray(results) || results.length !== expected) return null;
  return results.map((r) => {
    const vulns = isObject(r) && Array.isArray(r.vulns) ? r.vulns : [];
    const ids = vulns.flatMap((v) => (isObject(v) && typeof v.id === 'string' ? [v.id] : []));
    const next = isObject(r) && typeof r.next_page_token === 'string' && r.next_page_token !== '' ? r.next_page_token : undefined;
    return next ? { ids, next } : { ids };
  });
}

export function createOsvApiSource(options: OsvApiOptions = {}): AdvisorySource {
  const base = (options.baseUrl ?? 'https://api.osv.dev').replace(/\/+$/, '');
  const http: HttpJsonOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  };
  const concurrency = options.concurrency ?? 8;
  // Per run: the head and base scans ask for many of the same records.
  const records = new Map<string, Promise<OsvRecord | string>>();

  function fetchRecord(id: string): Promise<OsvRecord | string> {
    let pending = records.get(id);
    if (!pending) {
      pending = requestJson(`${base}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' }, http).then((res) => {
        if (!res.ok) return res.reason;
        return toOsvRecord(res.body) ?? 'the response is not an OSV record';
      });
      records.set(id, pending);
    }
    return pending;
  }

  async function idsByPackage(packages: PackageRef[], errors: ScanError[]): Promise<Map<string, Set<string>>> {
    const ids = new Map<string, Set<string>>(packages.map((p) => [packageVersionKey(p), new Set<string>()]));
    let pending: PendingQuery[] = packages.map((pkg) => ({ pkg }));
    while (pending.length > 0) {
      const next: PendingQuery[] = [];
      for (let i = 0; i < pending.length; i += OSV_BATCH_LIMIT) {
        const chunk = pending.slice(i, i + OSV_BATCH_LIMIT);
        const queries = chunk.map(({ pkg, pageToken }) => ({
          package: { ecosystem: pkg.ecosystem, name: pkg.name },
          version: pkg.version,
          ...(pageToken ? { page_token: pageToken } : {}),
        }));
        const body = JSON.stringify({ queries });
        const res = await requestJson(`${base}/v1/querybatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, http);
        const results = res.ok ? batchResults(res.body, chunk.length) : null;
        if (!results) {
          const why = res.ok ? 'the response does not have one result per query' : res.reason;
          errors.push({ path: `${base}/v1/querybatch`, reason: `SCA incomplete: OSV API querybatch failed for ${chunk.length} packages: ${why}`, scanner: 'sca' });
          // Ids from the pages that did arrive still affect their packages: they stay and are reported.
          continue;
        }
        results.forEach((r, j) => {
          const q = chunk[j]!;
          const set = ids.get(packageVersionKey(q.pkg));
          for (const id of r.ids) set?.add(id);
          if (r.next && set) next.push({ pkg: q.pkg, pageToken: r.next });
        });
      }
      pending = next;
    }
    return ids;
  }

  async function fullRecords(ids: string[], errors: ScanError[]): Promise<Map<string, OsvRecord>> {
    const out = new Map<string, OsvRecord>();
    for (let i = 0; i < ids.length; i += concurrency) {
      const batch = ids.slice(i, i + concurrency);
      const got = await Promise.all(batch.map(fetchRecord));
      got.forEach((r, j) => {
        const id = batch[j]!;
        if (typeof r !== 'string') return void out.set(id, r);
        errors.push({ path: `${base}/v1/vulns/${id}`, reason: `SCA incomplete: OSV API record ${id} could not be fetched: ${r}`, scanner: 'sca' });
        // The id is known to affect the package: keep it so the finding is still reported.
        out.set(id, { id });
      });
    }
    return out;
  }

  return {
    async query(packages: readonly PackageRef[]): Promise<AdvisoryQueryResult> {
      const errors: ScanError[] = [];
      const unique = [...new Map(packages.map((p) => [packageVersionKey(p), p])).values()];
      const ids = await idsByPackage(unique, errors);
      const allIds = [...new Set([...ids.values()].flatMap((s) => [...s]))].sort();
      const full = await fullRecords(allIds, errors);
      const byPackage = new Map<string, OsvRecord[]>();
      for (const [key, set] of ids) {
        const list = [...set].map((id) => full.get(id)!).filter((r) => !r.withdrawn);
        if (list.length > 0) byPackage.set(key, list);
      }
      return { byPackage, errors, complete: errors.length === 0 };
    },
  };
}
