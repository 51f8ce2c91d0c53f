import { FakeGitHub } from '../helpers/fake-github.js';
import { badWordScanner } from '../helpers/fakeScanner.js';
import { runEntry } from '../../src/action/entry.js';
import { prRunner, pullRequestRepo, teachFake } from './helpers/pr-repo.js';

const FAST = { tuning: { writeSpacingMs: 0, retryBaseMs: 1, pollDelayMs: 0, pollAttempts: 1 }, sleep: async () => undefined, write: () => undefined };

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;
// A pre-existing violation in a file the PR does not touch.
const OLD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: legacy
spec:
  containers:
    - name: legacy
      image: busybox:1.36
      securityContext:
        privileged: true
`;

describe('the reviewer sees the PR\'s own problems, on its own lines', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
  });
  afterEach(() => fake.stop());

  test('a privileged Deployment added by the head commit: one review, a suggestion on the added line, nothing on the old Pod, none on re-run', async () => {
    const pr = pullRequestRepo({
      base: { 'legacy/pod.yaml': OLD_POD, 'README.md': '# app\n' },
      head: { 'k8s/deploy.yaml': DEPLOYMENT, '.env': 'GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n', 'README.md': '# app\n\nnow with k8s\n' },
    });
    teachFake(fake, pr);
    const runner = prRunner(fake, pr, { scanners: 'secrets,sca,manifests' });
    const { exitCode } = await runEntry(runner.env, FAST);
    expect(fake.invalid).toEqual([]);
    expect(exitCode).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    const added = new Map(fake.files.map((f) => [f.filename, f.status]));
    // Every comment sits in a file the PR added or changed, never in legacy/pod.yaml.
    for (const c of fake.reviewComments) expect(added.has(c.path)).toBe(true);
    const privileged = fake.reviewComments.find((c) => c.path === 'k8s/deploy.yaml' && c.line === 12);
    expect(privileged?.body).toContain('`pss-privileged`');
    expect(privileged?.body).toMatch(/```suggestion\n\s+privileged: false\n```/);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    // The whole secret never leaves the runner: not in the review, the check, the SARIF or the summary.
    const everything = JSON.stringify([fake.reviews, fake.reviewComments, fake.checkRuns, fake.sarifs]) + runner.summary();
    expect(everything).not.toContain('ghp_0123456789abcdefghijklmnopqrstuvwxyzAB');

    const comments = fake.reviewComments.length;
    await runEntry(prRunner(fake, pr, { scanners: 'secrets,sca,manifests' }).env, FAST);
    expect(fake.reviewComments).toHaveLength(comments);
    expect(fake.reviews).toHaveLength(1);
  });

  test('pull_request_target: the workspace holds the base; PR files are read through the API, never checked out', async () => {
    const pr = pullRequestRepo({ base: { 'notes.txt': 'hello\n' }, head: { 'notes.txt': 'hello\nBAD idea\n', 'k8s/x.yaml': 'BAD: 1\n' } });
    teachFake(fake, pr);
    pr.repo.git('checkout', '-q', pr.base);
    const runner = prRunner(fake, pr, { scanners: 'manifests' }, 'pull_request_target');
    const log: string[] = [];
    const { exitCode } = await runEntry(runner.env, { ...FAST, write: (l) => log.push(l), scannerImpls: { manifests: badWordScanner() } });
    expect(fake.invalid).toEqual([]);
    expect(exitCode).toBe(1);
    expect(fake.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['k8s/x.yaml:1', 'notes.txt:2']);
    expect(fake.calls.some((c) => c.path.includes('/contents/'))).toBe(true);
    expect(log).toContain('pull_request_target: PR files read through the API, nothing checked out');
  });
});
