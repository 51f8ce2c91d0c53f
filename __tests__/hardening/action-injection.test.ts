import { runEntry } from '../../src/action/entry.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { runnerEnv } from '../github/helpers/runner-env.js';
import { pullRequestRepo, teachFake } from '../github/helpers/pr-repo.js';
import { GOOD_TOKEN } from './run-case.js';

const FAST = { tuning: { writeSpacingMs: 0, retryBaseMs: 1, pollDelayMs: 0, pollAttempts: 1 }, sleep: async () => undefined };
const HOSTILE = '::set-output name=x::y ::add-mask::z %0A::error::pwned <img src=x onerror=alert(1)> @admin [c](javascript:alert(1))';

// PR-controlled text (title, branch, a file path, a container name) reaches the step log, the review,
// the check run and the job summary; none of it may act as a workflow command, a mention or HTML.
test('workflow commands and markdown/HTML from the PR are inert in every action output', async () => {
  const fake = new FakeGitHub();
  await fake.start();
  const pr = pullRequestRepo({
    base: { 'README.md': '# app\n' },
    head: {
      'svc/::set-output name=x::y @admin.env': `TOKEN=${GOOD_TOKEN}\n`,
      'k8s/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${HOSTILE}"\nspec:\n  containers:\n    - name: app\n      image: nginx:1.25.3\n      securityContext:\n        privileged: true\n`,
    },
  });
  try {
    teachFake(fake, pr);
    const lines: string[] = [];
    const payload = {
      action: 'synchronize',
      number: pr.number,
      pull_request: {
        number: pr.number,
        title: HOSTILE,
        base: { sha: pr.base, ref: 'main', repo: { full_name: 'octo/app' } },
        head: { sha: pr.head, ref: `feature/${HOSTILE.replace(/\s/g, '-')}`, repo: { full_name: 'octo/app' } },
      },
    };
    const runner = runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName: 'pull_request', sha: pr.head, payload, inputs: { scanners: 'secrets,manifests' } });
    const { exitCode } = await runEntry(runner.env, { ...FAST, write: (line: string) => lines.push(line) });
    expect(exitCode).toBe(1);
    expect(fake.reviewComments.length).toBeGreaterThan(0);
    // Step log: only the action's own commands start a line with "::"; PR text never does.
    for (const line of lines.join('\n').split('\n')) {
      expect(line).not.toMatch(/^::(set-output|add-mask|error::pwned)/);
      if (line.startsWith('::')) expect(line).not.toMatch(/\n|%0A::error::pwned/);
    }
    const posted = [
      ...fake.reviews.map((r) => r.body),
      ...fake.reviewComments.map((c) => c.body),
      ...fake.checkRuns.flatMap((r) => [r.output.title, r.output.summary, r.output.text ?? '']),
      runner.summary(),
    ].join('\n');
    // The hostile text did reach the outputs (as inert text), so the checks below test something.
    expect(posted).toContain('set-output');
    expect(posted).not.toContain('<img src=x');
    expect(posted).not.toMatch(/(^|[^`\\])@admin/m);
    expect(posted).not.toContain('](javascript:');
    expect(posted).not.toContain(GOOD_TOKEN);
  } finally {
    await fake.stop();
    pr.repo.remove();
  }
}, 60_000);
