import { scaConfigSchema } from '../../src/scanners/sca/config.js';
import { loadScaRules } from '../../src/scanners/sca/rules.js';
import { scanLockfiles } from '../../src/scanners/sca/scan.js';
import { packageVersionKey } from '../../src/scanners/sca/sources/keys.js';
import type { AdvisorySource } from '../../src/scanners/sca/sources/types.js';
import type { Package } from '../../src/scanners/sca/types.js';
import { TRICKY } from './helpers/osv-records.js';
import { recordAffects } from '../../src/scanners/sca/osv/match.js';

// An in-memory source that matches our own records, standing in for the offline DB and the API.
function memorySource(complete = true): AdvisorySource & { asked: number } {
  const source = {
    asked: 0,
    async query(packages: readonly { ecosystem: string; name: string; version: string }[]) {
      source.asked++;
      const byPackage = new Map(packages.map((p) => [packageVersionKey(p), TRICKY.filter((r) => recordAffects(r, p))]));
      const errors = complete ? [] : [{ path: 'https://osv.test/v1/querybatch', reason: 'OSV API querybatch failed: HTTP 500' }];
      return { byPackage, errors, complete };
    },
  };
  return source;
}

const licenceRules = new Map(loadScaRules().map((r) => [r.meta.id, r.meta]));
const pkgs: Package[] = [
  { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 7, license: 'MIT' },
  { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 30, license: 'MIT' },
  { name: 'ws', version: '7.4.5', ecosystem: 'npm', line: 12, dev: true, license: 'MIT' },
  { name: 'gpl-lib', version: '2.0.0', ecosystem: 'npm', line: 20, license: 'GPL-3.0-only' },
];

describe('scanLockfiles', () => {
  it('reports advisories and licence verdicts on the package lines, one query for all lockfiles', async () => {
    const source = memorySource();
    const config = scaConfigSchema.parse({ licenses: { deny: ['GPL-3.0-only'] } });
    const out = await scanLockfiles([{ path: 'package-lock.json', packages: pkgs }, { path: 'b/package-lock.json', packages: [] }], { config, source, licenceRules });
    expect(source.asked).toBe(1);
    expect(out.errors).toEqual([]);
    expect(out.findings.map((f) => `${f.ruleId}@${f.startLine}`).sort()).toEqual(['GHSA-lod1-0001-0001@7', 'GHSA-ws01-0001-0001@12', 'license-denied@20']);
    expect(out.rules?.map((r) => r.id).sort()).toEqual(['GHSA-lod1-0001-0001', 'GHSA-ws01-0001-0001']);
    expect(out.findings.find((f) => f.ruleId === 'license-denied')).toMatchObject({ severity: 'high', tags: ['license', 'sca', 'compliance'] });
  });

  it('gives each installed copy its own finding; the top-level copy keeps the fingerprint it had alone', async () => {
    const config = scaConfigSchema.parse({});
    const top: Package = { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 7, installPath: 'node_modules/lodash' };
    const nested: Package = { ...top, line: 30, installPath: 'node_modules/jest/node_modules/lodash' };
    const alone = await scanLockfiles([{ path: 'package-lock.json', packages: [{ ...top, installPath: undefined }] }], { config, source: memorySource(), licenceRules });
    const both = await scanLockfiles([{ path: 'package-lock.json', packages: [top, nested] }], { config, source: memorySource(), licenceRules });
    expect(both.findings.map((f) => f.startLine)).toEqual([7, 30]);
    expect(both.findings[0]?.fingerprint).toBe(alone.findings[0]?.fingerprint);
    expect(both.findings[1]?.fingerprint).not.toBe(both.findings[0]?.fingerprint);
    const moved = await scanLockfiles([{ path: 'package-lock.json', packages: [{ ...nested, line: 99 }] }], { config, source: memorySource(), licenceRules });
    expect(moved.findings[0]?.fingerprint).toBe(both.findings[1]?.fingerprint);
  });

  it('skips dev packages when ignoreDev is set and marks licence exceptions as suppressed', async () => {
    const config = scaConfigSchema.parse({ ignoreDev: true, licenses: { deny: ['GPL-3.0-only'], exceptions: [{ package: 'gpl-lib', reason: 'approved by legal' }] } });
    const out = await scanLockfiles([{ path: 'package-lock.json', packages: pkgs }], { config, source: memorySource(), licenceRules });
    expect(out.findings.some((f) => f.package === 'ws')).toBe(false);
    expect(out.findings.find((f) => f.ruleId === 'license-denied')?.suppressed).toEqual({ kind: 'config', reason: 'approved by legal' });
  });

  it('turns malformed lockfiles and an incomplete source into error entries', async () => {
    const config = scaConfigSchema.parse({});
    const out = await scanLockfiles([{ path: 'package-lock.json', packages: pkgs.slice(0, 1), error: 'malformed lockfile: Unexpected token } at line 3' }], {
      config,
      source: memorySource(false),
      licenceRules,
    });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['GHSA-lod1-0001-0001']);
    expect(out.errors).toEqual([
      { path: 'package-lock.json', reason: 'malformed lockfile: Unexpected token } at line 3', scanner: 'sca' },
      { path: 'https://osv.test/v1/querybatch', reason: 'SCA incomplete: OSV API querybatch failed: HTTP 500', scanner: 'sca' },
    ]);
  });

  it('never asks about a package without a registry version (git, local, unpinned) but still checks its licence', async () => {
    // osv.dev answers a query without a version with every advisory the package ever had: this source does too.
    const asked: string[] = [];
    const everything: AdvisorySource = {
      async query(packages) {
        asked.push(...packages.map((p) => `${p.name}@${p.version}`));
        return { byPackage: new Map(packages.map((p) => [packageVersionKey(p), TRICKY.filter((r) => r.id === 'GHSA-lod1-0001-0001')])), errors: [], complete: true };
      },
    };
    const config = scaConfigSchema.parse({ licenses: { deny: ['GPL-3.0-only'] } });
    const local: Package[] = [
      { name: 'lodash', version: '', ecosystem: 'npm', line: 4, license: 'GPL-3.0-only' },
      // A git fork claims a vulnerable version; what it holds is its own commit.
      { name: 'lodash', version: '4.17.10', ecosystem: 'npm', line: 6, origin: 'git' },
      { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 9 },
    ];
    const out = await scanLockfiles([{ path: 'package-lock.json', packages: local }], { config, source: everything, licenceRules });
    expect(asked).toEqual(['lodash@4.17.15']);
    expect(out.findings.map((f) => `${f.ruleId}@${f.startLine}`).sort()).toEqual(['GHSA-lod1-0001-0001@9', 'license-denied@4']);
    expect(out.stats).toMatchObject({ packages: 3, unversioned: 2 });
  });
});
