import { join } from 'node:path';
import { scan } from '../../src/scan.js';
import { createOfflineAdvisorySource } from '../../src/scanners/sca/sources/offline-db.js';
import { packageVersionKey } from '../../src/scanners/sca/sources/keys.js';
import { corporaDir } from '../helpers/corpora.js';
import { TempDir } from '../helpers/tempRepo.js';
import { lineOf, packageLock } from '../sca/helpers/package-lock.js';

// The table "Which ids affect given versions" of ../shared/corpora/advisories/README.md, checked against
// the npm/ folder and npm-all.zip, plus the must-show PR story against the real GHSA records.

const TABLE: Array<[string, string, string[]]> = [
  ['lodash', '4.17.15', ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']],
  ['minimist', '1.2.0', ['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']],
  ['axios', '0.21.0', ['GHSA-cph5-m8f7-6c5x', 'GHSA-wf5p-g6vw-rhxx']],
  ['ws', '7.4.5', ['GHSA-3h5v-q93c-6h6q', 'GHSA-6fc8-4gx4-v693']],
  ['express', '4.16.0', ['GHSA-qw6h-vgh9-j6wx', 'GHSA-rv95-896h-c2vc']],
  ['qs', '6.5.1', ['GHSA-hrpp-h998-j3pp']],
  ['qs', '6.5.2', ['GHSA-hrpp-h998-j3pp']],
  ['jsonwebtoken', '8.5.1', ['GHSA-27h2-hvpr-p74q', 'GHSA-8cf7-32gw-wr33', 'GHSA-hjrf-2m68-5959', 'GHSA-qwph-4952-7xr6']],
  ['node-fetch', '2.6.0', ['GHSA-r683-j2x4-v87g', 'GHSA-w7rc-rwvf-8q5r']],
  ['semver', '5.7.1', ['GHSA-c2qf-rxjj-qqgw']],
  ['json5', '1.0.1', ['GHSA-9c47-m6qq-7p4h']],
  ['glob-parent', '5.1.1', ['GHSA-ww39-953v-wcq6']],
  // Edge cases named in the README: "Axios" spelled with a capital, last_affected for lodash.trim.
  ['axios', '1.7.3', ['GHSA-8hc4-vh64-cxmj']],
  ['lodash.trim', '4.5.1', ['GHSA-29mw-wpgm-hmr9']],
  ['lodash.trim', '4.5.2', []],
];

const packages = TABLE.map(([name, version]) => ({ ecosystem: 'npm', name, version }));

describe.each([
  ['npm/ directory', 'npm'],
  ['npm-all.zip', 'npm-all.zip'],
])('advisory matching over %s', (_label, location) => {
  it('agrees with the README table', async () => {
    const source = createOfflineAdvisorySource({ path: join(corporaDir(), 'advisories', location) });
    const result = await source.query(packages);
    expect(result.complete).toBe(true);
    const rows = TABLE.map(([name, version, want]) => {
      const got = (result.byPackage.get(packageVersionKey({ ecosystem: 'npm', name, version })) ?? []).map((r) => r.id).sort();
      return { name, version, want, got, ok: JSON.stringify(got) === JSON.stringify(want) };
    });
    console.log(`advisory matching (${location}): ${rows.filter((r) => r.ok).length}/${rows.length} rows agree\n${rows.map((r) => `  ${r.ok ? 'ok ' : 'BAD'} ${r.name}@${r.version} -> ${r.got.join(', ') || '(none)'}`).join('\n')}`);
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('the must-show PR against the real npm-all.zip', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir('sg-sca-corpus-').init();
  });
  afterEach(() => repo.remove());

  it('finds the GHSA ids on the lodash and minimist lines, and passes after the upgrade', async () => {
    const advisoryDb = join(corporaDir(), 'advisories', 'npm-all.zip');
    const vulnerable = packageLock({ lodash: '4.17.15', minimist: '1.2.0' });
    repo.write('package-lock.json', vulnerable).commit('vulnerable pins');
    const before = await scan({ cwd: repo.root, scanners: ['sca'], advisoryDb });
    const got = before.findings.map((f) => `${f.ruleId} line ${f.startLine}`);
    console.log(`must-show scan of lodash 4.17.15 + minimist 1.2.0:\n  ${before.findings.map((f) => `${f.path}:${f.startLine} ${f.severity} ${f.ruleId} ${f.message}`).join('\n  ')}`);
    expect(got).toEqual([
      ...['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'].map((id) => `${id} line ${lineOf(vulnerable, 'lodash')}`),
      ...['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h'].map((id) => `${id} line ${lineOf(vulnerable, 'minimist')}`),
    ].sort((a, b) => Number(a.split(' line ')[1]) - Number(b.split(' line ')[1]) || a.localeCompare(b)));
    expect(before.summary.verdict).toBe('fail');

    repo.write('package-lock.json', packageLock({ lodash: '4.17.21', minimist: '1.2.8' })).commit('upgrade');
    const after = await scan({ cwd: repo.root, scanners: ['sca'], advisoryDb, base: 'HEAD~1' });
    expect(after.errors).toEqual([]);
    expect(after.findings).toEqual([]);
    expect(after.summary.verdict).toBe('pass');
  });
});
