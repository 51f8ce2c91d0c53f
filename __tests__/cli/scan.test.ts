import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/commands/main.js';
import { memoryIo } from '../helpers/cliIo.js';
import { BAD_RULE } from '../helpers/fakeScanner.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { TempDir } from '../helpers/tempRepo.js';

describe('shiftguard scan', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    dir.write('b/deploy.yaml', 'ok: 1\nbad: BAD\n');
    dir.write('a.yaml', 'x: BAD # shiftguard:ignore no-bad fixture\n');
    dir.write('clean.yaml', 'fine: true\n');
  });
  afterEach(() => dir.remove());

  test('text output: grouped by file, path:line:col severity rule-id message, one summary line; exit 1', async () => {
    const { io, stdout, stderr } = memoryIo(dir.root);
    const code = await main(['scan', '--scanners', 'manifests'], io);
    expect(code).toBe(1);
    expect(stderr()).toBe('');
    expect(stdout()).toBe(
      [
        'a.yaml',
        'a.yaml:1:4 high no-bad found BAD [suppressed (inline): fixture]',
        '',
        'b/deploy.yaml',
        'b/deploy.yaml:2:6 high no-bad found BAD',
        '',
        'fail: 1 new finding at or above low — 2 findings (2 new, 0 existing, 1 suppressed), 3 files scanned',
        '',
      ].join('\n'),
    );
  });

  test('colour only on a TTY, never with NO_COLOR', async () => {
    const tty = memoryIo(dir.root, { tty: true });
    await main(['scan', '--scanners', 'manifests'], tty.io);
    expect(tty.stdout()).toContain('\u001b[31mhigh\u001b[0m');
    const noColor = memoryIo(dir.root, { tty: true, env: { NO_COLOR: '1' } });
    await main(['scan', '--scanners', 'manifests'], noColor.io);
    expect(noColor.stdout()).not.toContain('\u001b[');
  });

  test('json output is {findings, errors, summary}; --fail-on none exits 0', async () => {
    const { io, stdout } = memoryIo(dir.root);
    const code = await main(['scan', 'b', '--format', 'json', '--fail-on', 'none', '--scanners', 'manifests'], io);
    expect(code).toBe(0);
    const json = JSON.parse(stdout()) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['findings', 'errors', 'summary']);
    expect(json.findings).toEqual([expect.objectContaining({ path: 'b/deploy.yaml', ruleId: 'no-bad', new: true, suppressed: null })]);
    expect(json.summary).toMatchObject({ verdict: 'pass', failOn: 'none', filesScanned: 1 });
  });

  test('--format sarif prints one schema-valid run rooted at the scanned root, suppressions included', async () => {
    const { io, stdout } = memoryIo(dir.root);
    expect(await main(['scan', '--format', 'sarif', '--scanners', 'manifests'], io)).toBe(1);
    const log = JSON.parse(stdout()) as {
      runs: { results: { ruleId: string; suppressions?: unknown[] }[]; originalUriBaseIds: Record<string, { uri: string }> }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.suppressions?.length ?? 0])).toEqual([
      ['no-bad', 1],
      ['no-bad', 0],
    ]);
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/$/);
  });

  test('--output writes the report to a file; a clean scan exits 0', async () => {
    const { io, stdout, stderr } = memoryIo(dir.root);
    const code = await main(['scan', 'clean.yaml', '--format', 'json', '--output', 'out.json', '--scanners', 'manifests'], io);
    expect(code).toBe(0);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^shiftguard: pass: .* \(report written to out.json\)\n$/);
    expect(JSON.parse(readFileSync(join(dir.root, 'out.json'), 'utf8')).summary.total).toBe(0);
  });

  test('config from .shiftguard.yml applies, and a bad one exits 2 naming the key', async () => {
    dir.write('.shiftguard.yml', 'rules:\n  no-bad:\n    severity: low\nfailOn: medium\n');
    const ok = memoryIo(dir.root);
    expect(await main(['scan', '--scanners', 'manifests'], ok.io)).toBe(0);
    expect(ok.stdout()).toContain('b/deploy.yaml:2:6 low no-bad found BAD');

    dir.write('.shiftguard.yml', 'rules:\n  no-bad:\n    severity: urgent\n');
    const bad = memoryIo(dir.root);
    expect(await main(['scan'], bad.io)).toBe(2);
    expect(bad.stderr()).toBe(
      'shiftguard: config .shiftguard.yml: rules.no-bad.severity: expected one of critical|high|medium|low|info\n',
    );
  });

  test.each([
    [['scan', '--format', 'xml'], /--format must be one of text\|json\|sarif/],
    [['scan', '--fail-on', 'info'], /--fail-on must be one of critical\|high\|medium\|low\|none/],
    [['scan', '--scanners', 'secrets,virus'], /--scanners must be one of secrets\|sca\|manifests/],
    [['scan', '--bogus'], /scan: Unknown option '--bogus'/],
    [['scan', 'missing-dir'], /path not found: /],
    [['scan', '--base', 'main'], /--base needs a git repository/],
    [['scan', '--head', 'x'], /--head needs --base/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j exits 2 with a one-line reason', async (argv, reason) => {
    const { io, stderr } = memoryIo(dir.root);
    expect(await main(argv, io)).toBe(2);
    expect(stderr()).toMatch(reason);
    expect(stderr().trim().split('\n')).toHaveLength(1);
  });

  test('--base on a git repository marks only the new finding; unchanged files are not reported', async () => {
    dir.init().commit('base');
    dir.git('checkout', '-q', '-b', 'feature');
    dir.write('b/deploy.yaml', 'ok: 1\nbad: BAD\nworse: BAD again\n').commit('more');
    const { io, stdout } = memoryIo(dir.root);
    expect(await main(['scan', '--base', 'main', '--format', 'json', '--scanners', 'manifests'], io)).toBe(1);
    const report = JSON.parse(stdout()) as { findings: { path: string; startLine: number; new: boolean }[] };
    expect(report.findings.map((f) => [f.path, f.startLine, f.new])).toEqual([
      ['b/deploy.yaml', 2, false],
      ['b/deploy.yaml', 3, true],
    ]);
  });
});

describe('shiftguard --help, --version, rules', () => {
  test('--help lists the commands; --version prints the package version', async () => {
    const help = memoryIo('.');
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/scan +scan files/);
    expect(help.stdout()).toMatch(/rules +list the built-in rules/);
    const version = memoryIo('.');
    expect(await main(['--version'], version.io)).toBe(0);
    expect(version.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('scan --help documents every flag of the contract', async () => {
    const { io, stdout } = memoryIo('.');
    expect(await main(['scan', '--help'], io)).toBe(0);
    for (const flag of ['--base', '--head', '--config', '--format', '--output', '--fail-on', '--scanners', '--advisory-db']) {
      expect(stdout()).toContain(flag);
    }
  });

  test('rules --format json lists every built-in rule with its metadata', async () => {
    const { io, stdout } = memoryIo('.');
    expect(await main(['rules', '--format', 'json'], io)).toBe(0);
    const rules = JSON.parse(stdout()) as Record<string, unknown>[];
    // Exactly the metadata fields, no engine internals (check, samples).
    expect(rules).toContainEqual({ ...BAD_RULE });
    const text = memoryIo('.');
    expect(await main(['rules'], text.io)).toBe(0);
    expect(text.stdout()).toMatch(/^no-bad +high +manifests +The word BAD$/m);
  });
});
