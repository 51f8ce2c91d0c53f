import { scan } from '../../src/scan.js';
import { TempDir } from '../helpers/tempRepo.js';
import { record } from './helpers/osv-records.js';
import { lineOf, packageLock } from './helpers/package-lock.js';

// The reviewer's story: a PR that pins vulnerable lodash and minimist fails on the lockfile lines
// with the advisory ids; upgrading them in the next commit turns the check green.

const ADVISORIES = [
  record('GHSA-lodx-0001-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]),
  record('GHSA-minx-0001-0001', 'npm', 'minimist', [{ introduced: '1.0.0' }, { fixed: '1.2.3' }]),
  record('GHSA-minx-0002-0002', 'npm', 'minimist', [{ introduced: '1.0.0' }, { fixed: '1.2.6' }]),
];

let repo: TempDir;
let db: TempDir;
beforeEach(() => {
  repo = new TempDir('sg-sca-repo-').init();
  db = new TempDir('sg-sca-db-');
  for (const r of ADVISORIES) db.write(`npm/${r.id}.json`, JSON.stringify(r, null, 2));
});
afterEach(() => {
  repo.remove();
  db.remove();
});

function scanRepo(base?: string) {
  return scan({ cwd: repo.root, scanners: ['sca'], advisoryDb: db.root, ...(base ? { base } : {}) });
}

describe('SCA on a pull request', () => {
  it('finds the advisories on the package lines, then passes once the packages are upgraded', async () => {
    repo.write('package-lock.json', packageLock({ express: '4.21.2' })).commit('base');
    const vulnerable = packageLock({ express: '4.21.2', lodash: '4.17.15', minimist: '1.2.0' });
    repo.write('package-lock.json', vulnerable).commit('add lodash and minimist');

    const head = await scanRepo('HEAD~1');
    expect(head.errors).toEqual([]);
    expect(head.findings.map((f) => [f.ruleId, f.startLine, f.new])).toEqual([
      ['GHSA-lodx-0001-0001', lineOf(vulnerable, 'lodash'), true],
      ['GHSA-minx-0001-0001', lineOf(vulnerable, 'minimist'), true],
      ['GHSA-minx-0002-0002', lineOf(vulnerable, 'minimist'), true],
    ]);
    expect(head.findings[0]?.message).toBe('lodash@4.17.15 is vulnerable: lodash is vulnerable (GHSA-lodx-0001-0001). Fixed in 4.17.21');
    expect(head.summary.verdict).toBe('fail');

    repo.write('package-lock.json', packageLock({ express: '4.21.2', lodash: '4.17.21', minimist: '1.2.8' })).commit('upgrade');
    const fixed = await scanRepo('HEAD~2');
    expect(fixed.findings).toEqual([]);
    expect(fixed.summary.verdict).toBe('pass');
  });

  it('treats an unchanged vulnerable package as existing and an upgrade to another vulnerable version as new', async () => {
    repo.write('package-lock.json', packageLock({ lodash: '4.17.15', minimist: '1.2.0' })).commit('base');
    repo.write('package-lock.json', packageLock({ lodash: '4.17.20', minimist: '1.2.0', ms: '2.1.3' })).commit('bump lodash');
    const report = await scanRepo('HEAD~1');
    const byRule = Object.fromEntries(report.findings.map((f) => [`${f.ruleId} ${f.version}`, f.new]));
    expect(byRule).toEqual({ 'GHSA-lodx-0001-0001 4.17.20': true, 'GHSA-minx-0001-0001 1.2.0': false, 'GHSA-minx-0002-0002 1.2.0': false });
    expect(report.summary.verdict).toBe('fail');
  });

  it('reports each installed copy on its own line; a copy already in base stays existing when lines move', async () => {
    const base = packageLock({ express: '4.21.2', minimist: '1.2.0' });
    repo.write('package-lock.json', base).commit('base');
    // The head hoists nothing new at the top level but adds a second, nested copy of the same minimist, and
    // an unrelated package above it that moves every line.
    const head = packageLock({ ajv: '8.12.0', express: '4.21.2', minimist: '1.2.0', 'express/node_modules/minimist': '1.2.0' });
    repo.write('package-lock.json', head).commit('nested copy');
    const report = await scanRepo('HEAD~1');
    expect(report.errors).toEqual([]);
    const rows = report.findings.filter((f) => f.ruleId === 'GHSA-minx-0001-0001').map((f) => [f.startLine, f.new]);
    expect(rows).toEqual([
      [lineOf(head, 'minimist'), false],
      [lineOf(head, 'express/node_modules/minimist'), true],
    ]);
    expect(lineOf(head, 'minimist')).not.toBe(lineOf(base, 'minimist'));
    expect(report.summary.verdict).toBe('fail');

    // Scanned again with the nested copy in base as well: nothing is new.
    repo.write('package-lock.json', packageLock({ 'express/node_modules/minimist': '1.2.0', ajv: '8.12.0', express: '4.21.2', minimist: '1.2.0' })).commit('reorder');
    const again = await scanRepo('HEAD~1');
    expect(again.findings.filter((f) => f.ruleId.startsWith('GHSA-minx'))).toHaveLength(4);
    expect(again.findings.every((f) => !f.new)).toBe(true);
  });

  it('reports a malformed lockfile and an unreadable advisory DB as errors, never as a silent pass', async () => {
    repo.write('package-lock.json', '{"lockfileVersion": 3, "packages": {').commit('broken');
    const broken = await scanRepo();
    expect(broken.errors.map((e) => e.path)).toContain('package-lock.json');

    repo.write('package-lock.json', packageLock({ lodash: '4.17.15' })).commit('fixed json');
    const report = await scan({ cwd: repo.root, scanners: ['sca'], advisoryDb: `${db.root}/missing.zip` });
    expect(report.errors[0]?.reason).toMatch(/^SCA incomplete: advisory DB rejected: advisory DB not found/);
  });
});
