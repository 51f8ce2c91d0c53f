import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfflineAdvisorySource } from '../../src/scanners/sca/sources/offline-db.js';
import { packageVersionKey } from '../../src/scanners/sca/sources/keys.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/scanners/sca/sources/zip-reader.js';
import { TRICKY } from './helpers/osv-records.js';
import { writeZip } from './helpers/zip.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-osvdb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lodash = { ecosystem: 'npm', name: 'lodash', version: '4.17.15' };
const axios = { ecosystem: 'npm', name: 'axios', version: '1.6.0' };
const yaml = { ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' };
const safe = { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' };

function ids(result: { byPackage: Map<string, Array<{ id: string }>> }, pkg: typeof lodash): string[] {
  return (result.byPackage.get(packageVersionKey(pkg)) ?? []).map((r) => r.id).sort();
}

function recordFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const r of TRICKY) {
    const ecosystem = r.affected?.[0]?.package?.ecosystem ?? 'npm';
    files[`${ecosystem}/${r.id}.json`] = JSON.stringify(r, null, 2);
  }
  return files;
}

describe('offline advisory DB', () => {
  it('reads a directory of OSV records in ecosystem folders', async () => {
    for (const [name, text] of Object.entries(recordFiles())) {
      mkdirSync(join(dir, 'db', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'db', name), text);
    }
    const source = createOfflineAdvisorySource({ path: join(dir, 'db') });
    const result = await source.query([lodash, axios, yaml, safe]);
    expect(result.complete).toBe(true);
    expect(result.errors).toEqual([]);
    expect(ids(result, lodash)).toEqual(['GHSA-lod1-0001-0001']);
    expect(ids(result, axios)).toEqual(['GHSA-axi1-0001-0001']);
    expect(ids(result, yaml)).toEqual(['GHSA-yml1-0001-0001']);
    expect(result.byPackage.has(packageVersionKey(safe))).toBe(false);
  });

  it('tells apart two package names whose index hashes collide', async () => {
    // "o2d4jw6ek" and "qf74ru1q3" share a 32-bit FNV-1a hash as npm package keys (found by search): the
    // index lookup finds the other's record, and matching by name must turn it away.
    const record = (id: string, name: string) => ({
      id,
      affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }],
    });
    await writeZip(join(dir, 'all.zip'), { 'npm/GHSA-aaaa-0001-0001.json': JSON.stringify(record('GHSA-aaaa-0001-0001', 'o2d4jw6ek')) });
    const source = createOfflineAdvisorySource({ path: join(dir, 'all.zip') });
    const vulnerable = { ecosystem: 'npm', name: 'o2d4jw6ek', version: '1.0.0' };
    const neighbour = { ecosystem: 'npm', name: 'qf74ru1q3', version: '1.0.0' };
    const first = await source.query([neighbour]);
    expect(first.complete).toBe(true);
    expect(ids(first, neighbour)).toEqual([]);
    const second = await source.query([vulnerable, neighbour]);
    expect(ids(second, vulnerable)).toEqual(['GHSA-aaaa-0001-0001']);
    expect(ids(second, neighbour)).toEqual([]);
  });

  it('reads a zip in all.zip layout and answers a later query for packages not asked first', async () => {
    await writeZip(join(dir, 'all.zip'), recordFiles());
    const source = createOfflineAdvisorySource({ path: join(dir, 'all.zip') });
    const first = await source.query([lodash]);
    expect(ids(first, lodash)).toEqual(['GHSA-lod1-0001-0001']);
    const second = await source.query([axios, { ...lodash, version: '4.17.21' }]);
    expect(second.complete).toBe(true);
    expect(ids(second, axios)).toEqual(['GHSA-axi1-0001-0001']);
    expect(ids(second, { ...lodash, version: '4.17.21' })).toEqual([]);
  });

  it('reports a missing DB as an incomplete query', async () => {
    const result = await createOfflineAdvisorySource({ path: join(dir, 'nope.zip') }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/advisory DB not found/);
  });

  it('rejects a corrupt zip with a clear error', async () => {
    writeFileSync(join(dir, 'bad.zip'), 'PK\u0003\u0004 this is not really a zip');
    const result = await createOfflineAdvisorySource({ path: join(dir, 'bad.zip') }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/advisory DB rejected: .*(central directory|not a zip)/i);
  });

  it('rejects entries whose unpacked size or ratio looks like a zip bomb', async () => {
    await writeZip(join(dir, 'bomb.zip'), { 'npm/a.json': Buffer.alloc(2 * 1024 * 1024, 0x20) });
    const ratio = await createOfflineAdvisorySource({ path: join(dir, 'bomb.zip') }).query([lodash]);
    expect(ratio.errors[0]?.reason).toMatch(/zip bomb: .*compression ratio/);
    const small = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1024 };
    const size = await createOfflineAdvisorySource({ path: join(dir, 'bomb.zip'), zipLimits: small }).query([lodash]);
    expect(size.complete).toBe(false);
    expect(size.errors[0]?.reason).toMatch(/zip bomb: entry npm\/a.json unpacks to 2097152 bytes/);
  });

  it('rejects entries named with ../ or absolute paths', async () => {
    await writeZip(join(dir, 'evil.zip'), { 'xx/evil.json': '{}' });
    // yazl refuses to write such names, so rename the entry in place (same length).
    const bytes = readFileSync(join(dir, 'evil.zip'));
    writeFileSync(join(dir, 'evil.zip'), Buffer.from(bytes.toString('latin1').replaceAll('xx/evil', '../evil'.slice(0, 7)), 'latin1'));
    const result = await createOfflineAdvisorySource({ path: join(dir, 'evil.zip') }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]?.reason).toMatch(/invalid relative path: \.\.\/evil/);
  });

  it('marks the query incomplete when a candidate record is not valid JSON', async () => {
    await writeZip(join(dir, 'db.zip'), { 'npm/broken.json': '{"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}' });
    const result = await createOfflineAdvisorySource({ path: join(dir, 'db.zip') }).query([lodash]);
    expect(result.complete).toBe(false);
    expect(result.errors[0]).toMatchObject({ path: expect.stringContaining('npm/broken.json'), reason: expect.stringMatching(/not valid JSON/) });
  });
});
