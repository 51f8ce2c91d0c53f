import { buildDirectoryChangeSet } from '../../src/changes/directoryChangeSet.js';
import { buildGitChangeSet } from '../../src/changes/gitChangeSet.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Scanner } from '../../src/model.js';
import { parseConfig } from '../../src/policy/loadConfig.js';
import { runScan } from '../../src/run.js';
import { badWordScanner, testServices } from '../helpers/fakeScanner.js';
import { TempDir } from '../helpers/tempRepo.js';

const scannerImpls = { manifests: badWordScanner() };

async function scanDir(dir: TempDir, config: Config = defaultConfig(), extra: Partial<Record<'manifests' | 'secrets', Scanner>> = {}) {
  const changeSet = await buildDirectoryChangeSet({ root: dir.root });
  return runScan({ changeSet, config, scanners: ['manifests', ...(Object.keys(extra) as 'secrets'[])], services: testServices(), scannerImpls: { ...scannerImpls, ...extra } });
}

describe('runScan with --base on a git repository', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir().init();
    repo.write('app.yaml', 'a: 1\nb: BAD one\nc: 3\n');
    repo.write('untouched.yaml', 'x: BAD forever\n');
    repo.write('old-name.yaml', 'keep: BAD moved\n');
    repo.commit('base with existing violations');
    repo.git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => repo.remove());

  test('only the finding on an added line is new; an unchanged violating file is not reported as new', async () => {
    repo.write('app.yaml', 'a: 1\nb: BAD one\nc: 3\nd: BAD two\n');
    repo.git('mv', 'old-name.yaml', 'new-name.yaml');
    repo.commit('add a violation, rename a file');
    const changeSet = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    const report = await runScan({ changeSet, config: defaultConfig(), scanners: ['manifests'], services: testServices(), scannerImpls });

    expect(report.findings.map((f) => [f.path, f.startLine, f.new, f.inDiff])).toEqual([
      ['app.yaml', 2, false, true],
      ['app.yaml', 4, true, true],
      ['new-name.yaml', 1, false, false],
    ]);
    expect(report.findings.some((f) => f.path === 'untouched.yaml' && f.new)).toBe(false);
    expect(report.summary).toMatchObject({ total: 3, new: 1, existing: 2, failing: 1, verdict: 'fail' });
  });

  test('a copy of an existing violation on an added line is new, its twin is not', async () => {
    repo.write('app.yaml', 'a: 1\nb: BAD one\nc: 3\nb: BAD one\n').commit('duplicate');
    const changeSet = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    const report = await runScan({ changeSet, config: defaultConfig(), scanners: ['manifests'], services: testServices(), scannerImpls });
    expect(report.findings.map((f) => [f.startLine, f.new])).toEqual([
      [2, false],
      [4, true],
    ]);
  });

  test('working tree mode: an edit without a commit is new', async () => {
    repo.write('untouched.yaml', 'x: BAD forever\ny: BAD today\n');
    const changeSet = await buildGitChangeSet({ root: repo.root, base: 'main' });
    const report = await runScan({ changeSet, config: defaultConfig(), scanners: ['manifests'], services: testServices(), scannerImpls });
    expect(report.findings.map((f) => [f.startLine, f.new])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(report.summary.verdict).toBe('fail');
  });
});

describe('runScan on a directory', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  test('every finding is new; bad files become errors and the run goes on', async () => {
    dir.write('a.yaml', 'BAD\n');
    dir.write('binary.yaml', new Uint8Array([1, 0, 2]));
    dir.write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    dir.write('ignored.md', 'BAD but not accepted\n');
    const report = await scanDir(dir);
    expect(report.findings.map((f) => [f.path, f.new, f.inDiff, f.suppressed])).toEqual([['a.yaml', true, true, null]]);
    expect(report.errors).toEqual([
      { path: 'binary.yaml', reason: 'binary file (contains NUL bytes)', scanner: 'manifests' },
      { path: 'latin1.txt', reason: 'not valid UTF-8 text', scanner: 'manifests' },
    ]);
    expect(report.summary).toMatchObject({ filesScanned: 1, errors: 2, verdict: 'fail', failing: 1 });

    dir.write('big.yaml', 'x'.repeat(64));
    const limited = await scanDir(dir, parseConfig('maxFileBytes: 32', 'test'));
    expect(limited.errors).toContainEqual({
      path: 'big.yaml',
      reason: 'file is too large (64 bytes, limit 32; see maxFileBytes); not read',
      scanner: 'manifests',
    });
    expect(report.rules.map((r) => r.id)).toEqual(['no-bad']);
  });

  test('a scanner that throws becomes an error entry; other scanners still report', async () => {
    dir.write('a.yaml', 'BAD\n');
    const broken: Scanner = { ...badWordScanner('secrets'), scan: async () => Promise.reject(new Error('boom')) };
    const report = await scanDir(dir, defaultConfig(), { secrets: broken });
    expect(report.findings).toHaveLength(1);
    expect(report.errors).toEqual([{ path: '.', reason: 'scanner secrets failed on the head side: boom', scanner: 'secrets' }]);
  });

  test('a scanner whose rules cannot load is skipped with an error entry', async () => {
    dir.write('a.yaml', 'BAD\n');
    const broken: Scanner = {
      ...badWordScanner('secrets'),
      rules: () => {
        throw new Error('rules/secrets/x.yaml: bad');
      },
    };
    const report = await scanDir(dir, defaultConfig(), { secrets: broken });
    expect(report.findings.map((f) => f.scanner)).toEqual(['manifests']);
    expect(report.errors).toEqual([{ path: '.', reason: 'scanner secrets could not load its rules: rules/secrets/x.yaml: bad', scanner: 'secrets' }]);
  });

  test('config: severity override, disabled rule, exclude, exceptions (active and expired), failOn', async () => {
    dir.write('a.yaml', 'BAD\n').write('vendor/x.yaml', 'BAD\n').write('b.yaml', 'BAD\n').write('c.txt', 'BAD\n');
    const config = parseConfig(
      [
        'failOn: critical',
        'exclude: ["vendor/**"]',
        'rules: { no-bad: { severity: critical } }',
        'exceptions:',
        '  - { rule: no-bad, path: "b.yaml", reason: accepted until the migration, expires: "2026-12-31" }',
        '  - { rule: no-bad, path: "c.txt", reason: too old, expires: "2026-01-01" }',
      ].join('\n'),
      'test',
    );
    const report = await scanDir(dir, config);
    expect(report.findings.map((f) => [f.path, f.severity, f.suppressed])).toEqual([
      ['a.yaml', 'critical', null],
      ['b.yaml', 'critical', { kind: 'config', reason: 'accepted until the migration', expires: '2026-12-31' }],
      ['c.txt', 'critical', null],
    ]);
    expect(report.warnings).toEqual([
      { path: 'c.txt', reason: 'exception for no-bad expired on 2026-01-01 and no longer applies (too old)' },
    ]);
    expect(report.summary).toMatchObject({ failing: 2, suppressed: 1, verdict: 'fail', failOn: 'critical' });
    expect(report.rules[0]!.severity).toBe('critical');

    const disabled = await scanDir(dir, parseConfig('rules: { no-bad: { enabled: false } }', 'test'));
    expect(disabled.findings.every((f) => f.suppressed?.kind === 'config')).toBe(true);
    expect(disabled.summary).toMatchObject({ total: 4, failing: 0, verdict: 'pass' });
  });

  test('inline suppressions on the line or the line above, in several comment styles', async () => {
    dir.write(
      'a.yaml',
      [
        'x: BAD # shiftguard:ignore no-bad test fixture',
        '// shiftguard:ignore no-bad,other reason two',
        'y: BAD',
        '<!-- shiftguard:ignore no-bad html reason -->',
        'z: BAD',
        '# shiftguard:ignore',
        'w: BAD',
        '# shiftguard:ignore other-rule nope',
        'v: BAD',
      ].join('\n'),
    );
    const report = await scanDir(dir);
    expect(report.findings.map((f) => [f.startLine, f.suppressed?.reason ?? null])).toEqual([
      [1, 'test fixture'],
      [3, 'reason two'],
      [5, 'html reason'],
      [7, null],
      [9, null],
    ]);
    expect(report.findings[0]!.suppressed!.kind).toBe('inline');
    expect(report.warnings).toEqual([
      { path: 'a.yaml', reason: 'line 6: shiftguard:ignore needs a rule id (shiftguard:ignore RULE-ID reason); nothing suppressed' },
    ]);
    expect(report.summary).toMatchObject({ total: 5, suppressed: 3, failing: 2 });
  });
});
