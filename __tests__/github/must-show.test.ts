import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// A token-shaped value built at run time, so no secret-looking literal sits in the repository.
const TOKEN = `ghp_${'R8mZ2qLx7Vn4Kp9Ws3Ty6Hb1Jc5Fd0Ge8A'}q`;
const LOCKFILE = JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.15' } },
      'node_modules/lodash': { version: '4.17.15', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz', license: 'MIT' },
    },
  },
  null,
  2,
);
const LODASH_ADVISORY = {
  id: 'GHSA-p6mc-m468-83gw',
  summary: 'Prototype pollution in lodash',
  aliases: ['CVE-2020-8203'],
  database_specific: { severity: 'HIGH' },
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.19' }] }] }],
};

function advisoryDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shiftguard-osv-'));
  mkdirSync(join(dir, 'npm'));
  writeFileSync(join(dir, 'npm', `${LODASH_ADVISORY.id}.json`), JSON.stringify(LODASH_ADVISORY));
  return dir;
}

describe('the reviewer sees the PR\'s own problems, on its own lines', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
  });
  afterEach(() => fake.stop());

  test('a privileged Deployment, a .env token and an old lockfile: one review on exactly those added lines, nothing on the old Pod, none on re-run', async () => {
    const pr = pullRequestRepo({
      base: { 'legacy/pod.yaml': OLD_POD, 'README.md': '# app\n' },
      head: { 'k8s/deploy.yaml': DEPLOYMENT, '.env': `GITHUB_TOKEN=${TOKEN}\n`, 'package-lock.json': `${LOCKFILE}\n`, 'README.md': '# app\n\nnow with k8s\n' },
    });
    teachFake(fake, pr);
    const inputs = { scanners: 'secrets,sca,manifests', 'advisory-db': advisoryDb() };
    const runner = prRunner(fake, pr, inputs);
    const { exitCode } = await runEntry(runner.env, FAST);
    expect(fake.invalid).toEqual([]);
    expect(exitCode).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    // Exactly one comment per problem, each on the added line, none on the untouched legacy Pod.
    const lockLine = LOCKFILE.split('\n').findIndex((l) => l.includes('"node_modules/lodash"')) + 1;
    const placed = fake.reviewComments.map((c) => `${c.path}:${c.line}`).sort();
    expect(placed).toEqual(['.env:1', 'k8s/deploy.yaml:12', expect.stringMatching(new RegExp(`^package-lock\\.json:(${lockLine}|${lockLine + 1})$`))]);
    const privileged = fake.reviewComments.find((c) => c.path === 'k8s/deploy.yaml' && c.line === 12);
    expect(privileged?.body).toContain('`pss-privileged`');
    expect(privileged?.body).toMatch(/```suggestion\n\s+privileged: false\n```/);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    // The whole secret never leaves the runner: not in the review, the check, the SARIF or the summary.
    const everything = JSON.stringify([fake.reviews, fake.reviewComments, fake.checkRuns, fake.sarifs]) + runner.summary();
    expect(everything).not.toContain(TOKEN);
    expect(fake.reviewComments.find((c) => c.path === 'package-lock.json')?.body).toContain('GHSA-p6mc-m468-83gw');

    const comments = fake.reviewComments.length;
    await runEntry(prRunner(fake, pr, inputs).env, FAST);
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
