import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub } from '../helpers/fake-github.js';
import { TempDir } from '../helpers/tempRepo.js';
import { badWordScanner } from '../helpers/fakeScanner.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { run } from '../../src/main.js';
import { runEntry } from '../../src/action/entry.js';
import { pullRequestPayload, runnerEnv } from './helpers/runner-env.js';
import { pullFilesFromGit } from './helpers/pull-files.js';
import { prRunner, pullRequestRepo, teachFake, treeOf } from './helpers/pr-repo.js';

// The real entry (src/main.ts wiring: config, git change set, pipeline, SARIF, GitHub) on a temp repository with
// a base and a head commit, against the loopback fake GitHub.
const FAST = { tuning: { writeSpacingMs: 0, retryBaseMs: 1, pollDelayMs: 0, pollAttempts: 2 }, sleep: async () => undefined };

const repoWithPullRequest = () =>
  pullRequestRepo({
    base: { 'legacy/old.yaml': 'kind: Pod\nBAD: already here\n', 'notes.txt': 'hello\nBAD old\n' },
    head: { 'k8s/deploy.yaml': 'kind: Deployment\nspec:\n  BAD: true\n', 'notes.txt': 'hello\nBAD old\nBAD idea\nmore\n' },
  });

describe('the action entry end to end', () => {
  let fake: FakeGitHub;
  let pr: ReturnType<typeof repoWithPullRequest>;
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
    pr = repoWithPullRequest();
    fake.pull = { number: 7, headSha: pr.head, baseSha: pr.base, fork: false };
    fake.pull.number = 7;
    fake.files = pullFilesFromGit(pr.repo.root, pr.base, pr.head);
  });
  afterEach(async () => {
    await fake.stop();
    pr.repo.remove();
  });

  const env = (inputs: Record<string, string> = {}) =>
    runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName: 'pull_request', sha: pr.head, payload: pullRequestPayload({ number: 7, baseSha: pr.base, headSha: pr.head }), inputs: { scanners: 'manifests', ...inputs } });

  test('a head commit with two new violations: one review on exactly those lines, no comment on existing ones, SARIF valid, check fails', async () => {
    const runner = env();
    const lines: string[] = [];
    const { exitCode } = await runEntry(runner.env, { ...FAST, scannerImpls: { manifests: badWordScanner() }, write: (l) => lines.push(l) });
    expect(fake.invalid).toEqual([]);
    expect(exitCode).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['k8s/deploy.yaml:3', 'notes.txt:3']);
    expect(fake.reviews[0]?.body).not.toContain('legacy');
    expect(fake.checkRuns[0]).toMatchObject({ name: 'shiftguard', head_sha: pr.head, conclusion: 'failure' });
    expect(fake.sarifs).toHaveLength(1);
    const uploaded = fake.sarifs[0]?.sarif as { runs: Array<{ automationDetails?: { id?: string }; results: unknown[] }> };
    expect(sarifSchemaErrors(uploaded)).toEqual([]);
    expect(uploaded.runs.map((r) => r.automationDetails?.id)).toEqual(['shiftguard/manifests/']);
    expect(uploaded.runs[0]?.results).toHaveLength(3);
    const outputs = runner.outputs();
    expect(outputs).toMatchObject({ verdict: 'fail', findings: '3', 'new-findings': '2' });
    expect(JSON.parse(readFileSync(outputs['sarif-file'] as string, 'utf8'))).toEqual(uploaded);
    // The existing finding in a changed file is counted and listed, never commented on.
    expect(runner.summary()).toMatch(/notes\.txt:2\]\([^)]*\): found BAD _\(existing\)_/);

    const again = await runEntry(env().env, { ...FAST, scannerImpls: { manifests: badWordScanner() }, write: () => undefined });
    expect(again.exitCode).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviewComments).toHaveLength(2);
  });

  test('fail closed: a file that could not be parsed fails the verdict unless fail-on-error is false', async () => {
    pr.repo.write('bad.yaml', Buffer.from([0xff, 0xfe, 0x00, 0x42, 0x00, 0xd8])).commit('binary-ish yaml');
    const head = pr.repo.git('rev-parse', 'HEAD').trim();
    const clean = { manifests: { ...badWordScanner(), scan: async () => ({ findings: [], errors: [{ path: 'k8s/deploy.yaml', reason: 'YAML parse error at line 3' }] }) } };
    const payload = pullRequestPayload({ number: 7, baseSha: pr.base, headSha: head });
    fake.pull.headSha = head;
    const strict = runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName: 'pull_request', sha: head, payload, inputs: { scanners: 'manifests' } });
    expect((await runEntry(strict.env, { ...FAST, scannerImpls: clean, write: () => undefined })).exitCode).toBe(1);
    expect(fake.checkRuns.at(-1)?.conclusion).toBe('failure');
    expect(strict.summary()).toContain('YAML parse error');
    const lenient = runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName: 'pull_request', sha: head, payload, inputs: { scanners: 'manifests', 'fail-on-error': 'false' } });
    const lines: string[] = [];
    expect((await runEntry(lenient.env, { ...FAST, scannerImpls: clean, write: (l) => lines.push(l) })).exitCode).toBe(0);
    expect(fake.checkRuns.at(-1)?.conclusion).toBe('success');
    expect(lenient.summary()).toContain('YAML parse error');
    expect(lines.some((l) => l.startsWith('::warning::') && l.includes('could not be scanned'))).toBe(true);
    // Without the input, the config's failOnError decides, as it does for the CLI and the pre-commit hook.
    pr.repo.write('.shiftguard.yml', 'failOnError: false\n');
    const fromConfig = runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName: 'pull_request', sha: head, payload, inputs: { scanners: 'manifests' } });
    expect((await runEntry(fromConfig.env, { ...FAST, scannerImpls: clean, write: () => undefined })).exitCode).toBe(0);
    expect(fake.checkRuns.at(-1)?.conclusion).toBe('success');
  });

  test('shallow checkout: the base is fetched with --depth=1, and the PR diff still places every comment', async () => {
    pr.repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
    // Without history git has no merge base: the files API gives the diff and the contents API the base side.
    fake.trees[pr.base] = treeOf(pr.repo.root, pr.base);
    const clone = new TempDir('shiftguard-shallow-');
    execFileSync('git', ['clone', '-q', '--depth=1', '--branch', 'feature', `file://${pr.repo.root}`, clone.root]);
    const runner = runnerEnv({ apiUrl: fake.url, workspace: clone.root, eventName: 'pull_request', sha: pr.head, payload: pullRequestPayload({ number: 7, baseSha: pr.base, headSha: pr.head }), inputs: { scanners: 'manifests' } });
    const lines: string[] = [];
    const { exitCode } = await runEntry(runner.env, { ...FAST, scannerImpls: { manifests: badWordScanner() }, write: (l) => lines.push(l) });
    expect(lines).toContain(`fetched base ${pr.base.slice(0, 12)} (shallow checkout)`);
    expect(exitCode).toBe(1);
    expect(fake.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['k8s/deploy.yaml:3', 'notes.txt:3']);
    expect(runner.outputs()['new-findings']).toBe('2');
    clone.remove();
  });

  test('src/main.ts run(): the registry scanners, outputs and a check on the PR head', async () => {
    const runner = env({ 'upload-sarif': 'false', comment: 'false' });
    const code = await run(runner.env);
    expect(fake.invalid).toEqual([]);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.head_sha).toBe(pr.head);
    expect(runner.outputs().verdict).toBe(code === 0 ? 'pass' : 'fail');
  });

  const bundle = join(process.cwd(), 'dist', 'index.js');
  (existsSync(bundle) ? test : test.skip)('node dist/index.js (the bundle the runner executes) writes outputs and posts the check', async () => {
    const runner = env({ 'upload-sarif': 'false', comment: 'false' });
    const code = await new Promise<number>((resolve) => {
      execFile(process.execPath, [bundle], { env: runner.env, cwd: pr.repo.root }, (error) => resolve(error ? Number(error.code ?? 1) : 0));
    });
    expect(fake.checkRuns).toHaveLength(1);
    expect(runner.outputs().verdict).toBe(code === 0 ? 'pass' : 'fail');
  });
});

describe('a scan that cannot run at all', () => {
  test('an invalid config still yields a failing check with the reason, a summary and outputs, even with fail-on-error false', async () => {
    const fake = new FakeGitHub();
    await fake.start();
    const pr = pullRequestRepo({ base: { 'a.txt': 'x\n' }, head: { '.shiftguard.yml': 'failOn: sometimes\n', 'a.txt': 'x\ny\n' } });
    teachFake(fake, pr);
    const runner = prRunner(fake, pr, { scanners: 'manifests', 'fail-on-error': 'false' });
    const { exitCode } = await runEntry(runner.env, { ...FAST, write: () => undefined });
    await fake.stop();
    pr.repo.remove();
    expect(exitCode).toBe(1);
    expect(fake.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(fake.checkRuns[0]?.output.text).toContain('failOn');
    expect(runner.summary()).toContain('the scan could not run');
    expect(runner.outputs().verdict).toBe('fail');
  });
});
