import { buildGitChangeSet } from '../../src/changes/gitChangeSet.js';
import { main } from '../../src/commands/main.js';
import { defaultConfig } from '../../src/config.js';
import type { Scanner } from '../../src/model.js';
import { summaryMarkdown } from '../../src/report/summary.js';
import { runScan } from '../../src/run.js';
import { memoryIo } from '../helpers/cliIo.js';
import { badWordScanner, testServices } from '../helpers/fakeScanner.js';
import { TempDir } from '../helpers/tempRepo.js';

// A base version that cannot be compared makes every head finding of the file new (fail closed); the
// reviewer is told which file and why instead of wondering where forty "new" findings came from.

const LIMIT = 200;

describe('a changed file whose base side cannot be compared', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir().init();
    repo.write('.shiftguard.yml', `maxFileBytes: ${LIMIT}\n`);
    repo.write('app.yaml', `a: BAD one\npad: ${'x'.repeat(LIMIT)}\n`);
    repo.write('ok.yaml', 'a: BAD old\n');
    repo.commit('base: app.yaml over the size limit');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('app.yaml', 'a: BAD one\n');
    repo.write('ok.yaml', 'a: BAD old\nb: 2\n');
    repo.commit('head: app.yaml trimmed, ok.yaml edited');
  });
  afterEach(() => repo.remove());

  const scan = async (scannerImpls: Partial<Record<'manifests', Scanner>>) => {
    const changeSet = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    const config = { ...defaultConfig(), maxFileBytes: LIMIT };
    return runScan({ changeSet, config, scanners: ['manifests'], services: testServices(), scannerImpls });
  };

  test('base over maxFileBytes: the head finding is new and a warning names the file and the reason', async () => {
    const report = await scan({ manifests: badWordScanner() });
    expect(report.findings.map((f) => [f.path, f.startLine, f.new])).toEqual([
      ['app.yaml', 1, true],
      ['ok.yaml', 1, false],
    ]);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      {
        path: 'app.yaml',
        reason: expect.stringMatching(/^base version could not be compared: file is too large \(\d+ bytes, limit 200; see maxFileBytes\); not read; its findings are therefore reported as new$/),
        scanner: 'manifests',
      },
    ]);
    const md = summaryMarkdown({ report, verdict: 'fail', reason: 'r', errors: report.errors, deliveries: [], link: () => 'https://x' });
    expect(md).toMatch(/- :warning: warning: app\.yaml — base version could not be compared: file is too large/);
  });

  test('a base scan that fails for the file or crashes: findings new, a warning with the scan error', async () => {
    const word = badWordScanner();
    const failsOnBase = (error: { path: string; reason: string }): Scanner => ({
      ...word,
      scan: async (input) => (input.side === 'base' ? { findings: [], errors: [error] } : word.scan(input)),
    });
    const perFile = await scan({ manifests: failsOnBase({ path: 'ok.yaml', reason: 'YAML alias limit exceeded' }) });
    expect(perFile.findings.find((f) => f.path === 'ok.yaml')?.new).toBe(true);
    expect(perFile.warnings?.map((w) => [w.path, w.reason])).toEqual([
      ['app.yaml', expect.stringMatching(/^base version could not be compared: file is too large/)],
      ['ok.yaml', 'base version could not be compared: the base scan failed: YAML alias limit exceeded; its findings are therefore reported as new'],
    ]);

    const crash: Scanner = { ...word, scan: async (input) => (input.side === 'base' ? Promise.reject(new Error('boom')) : word.scan(input)) };
    const crashed = await scan({ manifests: crash });
    expect(crashed.findings.every((f) => f.new)).toBe(true);
    expect(crashed.warnings?.find((w) => w.path === 'ok.yaml')?.reason).toBe(
      'base version could not be compared: the base scan failed: scanner manifests failed on the base side: boom; its findings are therefore reported as new',
    );
  });

  test('the CLI prints it on stderr for text and puts it in JSON', async () => {
    const run = async (...args: string[]) => {
      const { io, stdout, stderr } = memoryIo(repo.root);
      const code = await main(['scan', '--base', 'main', '--head', 'HEAD', '--scanners', 'manifests', ...args], io);
      return { code, stdout: stdout(), stderr: stderr() };
    };
    const text = await run();
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^shiftguard: warning: app\.yaml: base version could not be compared: .*its findings are therefore reported as new$/m);
    const json = JSON.parse((await run('--format', 'json')).stdout) as { warnings: { path: string; reason: string }[] };
    expect(json.warnings.map((w) => w.path)).toEqual(['app.yaml']);
  });
});
