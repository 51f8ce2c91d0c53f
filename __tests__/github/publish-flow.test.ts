import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { FakeGitHub } from '../helpers/fake-github.js';
import type { Finding, Report } from '../../src/model.js';
import { finding, reportOf } from './helpers/report.js';
import { pullRequestPayload, workflowRunPayload } from './helpers/runner-env.js';
import { ADDED, BASE, HEAD, runPublish } from './helpers/publish-run.js';

// The publishing half of the action against a fake GitHub: the scan is a fixed Report so the story is only about
// what reaches the pull request.

function prFiles(): FakeGitHub['files'] {
  return [
    { filename: 'k8s/deploy.yaml', status: 'added', patch: ADDED(12) },
    { filename: '.env', status: 'added', patch: ADDED(2) },
    { filename: 'app/config.yaml', status: 'modified', patch: '@@ -1,3 +1,4 @@\n a\n+b\n c\n d' },
  ];
}

function storyFindings(): Finding[] {
  return [
    finding({ path: 'k8s/deploy.yaml', startLine: 9, ruleId: 'k8s-privileged', severity: 'critical', fix: { startLine: 9, endLine: 9, replacement: '          privileged: false' } }),
    finding({ path: 'k8s/deploy.yaml', startLine: 3, endLine: 5, ruleId: 'k8s-no-limits', severity: 'medium' }),
    finding({ scanner: 'secrets', path: '.env', startLine: 1, ruleId: 'github-pat', severity: 'high', preview: 'ghp_****...****3f9a', message: 'GitHub token' }),
    finding({ path: 'app/config.yaml', startLine: 40, ruleId: 'k8s-host-network', severity: 'high' }),
    finding({ path: 'legacy/old.yaml', startLine: 7, ruleId: 'k8s-privileged', severity: 'critical', new: false, inDiff: false, fingerprint: 'fplegacy' }),
  ];
}

function run(
  fake: FakeGitHub,
  options: { report?: () => Report; inputs?: Record<string, string>; payload?: unknown; eventName?: string; tuning?: Parameters<typeof runPublish>[1]['tuning'] } = {},
) {
  return runPublish(fake, { ...options, report: options.report ?? (() => reportOf(storyFindings())) });
}

describe('publishing a scan to a pull request', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
    fake.pull = { number: 1, headSha: HEAD, baseSha: BASE, fork: false };
    fake.files = prFiles();
  });
  afterEach(() => fake.stop());

  test('one review with comments only on diff lines, a failing check, SARIF on the PR head, outputs and summary', async () => {
    const { result, runner } = await run(fake);
    expect(fake.invalid).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviews[0]?.event).toBe('COMMENT');
    expect(fake.reviews[0]?.commit_id).toBe(HEAD);
    const placed = fake.reviewComments.map((c) => `${c.path}:${c.start_line ?? ''}-${c.line}`).sort();
    expect(placed).toEqual(['.env:-1', 'k8s/deploy.yaml:-9', 'k8s/deploy.yaml:3-5']);
    const privileged = fake.reviewComments.find((c) => c.line === 9);
    expect(privileged?.body).toContain('```suggestion\n          privileged: false\n```');
    expect(privileged?.body).toMatch(/<!-- shiftguard:fp=\w+ -->/);
    // Off-diff finding goes to the review body; the existing one gets no comment at all.
    expect(fake.reviews[0]?.body).toContain('app/config.yaml');
    expect(fake.reviews[0]?.body).not.toContain('legacy');
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({ name: 'shiftguard', head_sha: HEAD, conclusion: 'failure' });
    expect(fake.checkRuns[0]?.annotations).toHaveLength(5);
    expect(fake.sarifs).toHaveLength(1);
    expect(fake.sarifs[0]).toMatchObject({ commit_sha: HEAD, ref: 'refs/pull/1/head' });
    expect(fake.sarifs[0]?.checkout_uri).toMatch(/^file:\/\//);
    expect(result.exitCode).toBe(1);
    expect(runner.outputs()).toMatchObject({ verdict: 'fail', findings: '5', 'new-findings': '4', 'sarif-file': result.sarifFile });
    expect(JSON.parse(readFileSync(result.sarifFile as string, 'utf8')).runs[0].results).toHaveLength(5);
    const summary = runner.summary();
    for (const f of storyFindings()) expect(summary).toContain(`/${f.path}#L${f.startLine}`);
    expect(summary).toMatch(/legacy\/old\.yaml.*existing/);
  });

  test('a re-run posts no duplicate comments and no second review', async () => {
    await run(fake);
    const comments = fake.reviewComments.length;
    await run(fake);
    expect(fake.reviewComments).toHaveLength(comments);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(2);
  });

  test('a finding fixed since the last run is noted once', async () => {
    await run(fake);
    await run(fake, { report: () => reportOf(storyFindings().filter((f) => f.ruleId !== 'github-pat')) });
    expect(fake.reviews).toHaveLength(2);
    expect(fake.reviews[1]?.body).toMatch(/Fixed since an earlier review/);
    await run(fake, { report: () => reportOf(storyFindings().filter((f) => f.ruleId !== 'github-pat')) });
    expect(fake.reviews).toHaveLength(2);
  });

  test('a comment whose findings are all fixed gets its review thread resolved, once; open ones stay open', async () => {
    await run(fake);
    const pat = fake.reviewComments.find((c) => c.path === '.env')!;
    const withoutPat = (): Report => reportOf(storyFindings().filter((f) => f.ruleId !== 'github-pat'));
    const { runner } = await run(fake, { report: withoutPat });
    expect(fake.invalid).toEqual([]);
    expect(pat.body).toMatch(/~~.*~~ — fixed since this comment/);
    expect([...fake.resolvedThreads]).toEqual([pat.id]);
    expect(runner.summary()).toMatch(/1 review thread\\\(s\\\) resolved/);
    // Nothing left to resolve: the next run reads the threads once and sends no mutation.
    const before = fake.calls.length;
    await run(fake, { report: withoutPat });
    const graphql = fake.calls.slice(before).filter((c) => c.path === '/graphql');
    expect(graphql).toHaveLength(1);
    expect(JSON.stringify(graphql[0]?.body)).not.toContain('resolveReviewThread(');
  });

  test('a token that may not resolve threads: the comment is still marked fixed, the run goes on, the reason is noted', async () => {
    await run(fake);
    fake.faults.push({ method: 'POST', path: /^\/graphql$/, status: 200, times: 1, body: { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] } });
    const { result, runner } = await run(fake, { report: () => reportOf(storyFindings().filter((f) => f.ruleId !== 'github-pat')) });
    expect(fake.resolvedThreads.size).toBe(0);
    expect(fake.reviewComments.find((c) => c.path === '.env')?.body).toContain('fixed since this comment');
    expect(result.verdict).toBe('fail');
    expect(runner.summary()).toMatch(/review threads not read, fixed ones left open: Resource not accessible by integration/);
    // The next run tries again.
    await run(fake, { report: () => reportOf(storyFindings().filter((f) => f.ruleId !== 'github-pat')) });
    expect(fake.resolvedThreads.size).toBe(1);
  });

  test('faults: SARIF 500 twice, a 422 on one review line, 403 primary and secondary rate limits: every finding still reported, verdict unchanged', async () => {
    fake.faults.push({ method: 'POST', path: /code-scanning\/sarifs$/, status: 500, times: 2 });
    fake.faults.push({ method: 'POST', path: /check-runs$/, status: 403, times: 1, body: { message: 'API rate limit exceeded for installation ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)), 'retry-after': '1' } });
    fake.faults.push({ method: 'GET', path: /pulls\/1\/comments$/, status: 403, times: 1, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '1' } });
    fake.rejectLines.add('k8s/deploy.yaml:5');
    const { result, runner } = await run(fake);
    expect(fake.invalid).toEqual([]);
    expect(result.verdict).toBe('fail');
    expect(fake.sarifs).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    // The 422'd comment is listed in the review body; the others were posted one by one.
    expect(fake.reviewComments.map((c) => c.line).sort()).toEqual([1, 9]);
    const bodies = fake.reviews.map((r) => r.body).join('\n');
    expect(bodies).toContain('k8s\\-no\\-limits');
    const everywhere = [bodies, ...fake.reviewComments.map((c) => c.body), runner.summary()].join('\n');
    for (const f of storyFindings()) expect(everywhere).toContain(`\`${f.ruleId}\``);
  });

  test('faults on reads: files page 2 fails mid-way (502), malformed JSON, a request that never answers: verdict still fail, every finding reported', async () => {
    fake.files = [...prFiles(), ...Array.from({ length: 150 }, (_, i) => ({ filename: `filler/${i}.txt`, status: 'added', patch: ADDED(1) }))];
    fake.faults.push({ method: 'GET', path: /pulls\/1\/files$/, status: 502, times: 20, query: (q) => q.get('page') === '2' });
    fake.faults.push({ method: 'GET', path: /pulls\/1\/comments$/, status: 200, times: 20, raw: '[{"id": 1, "body": ' });
    fake.faults.push({ method: 'GET', path: /code-scanning\/sarifs\/sarif-/, status: 200, times: 20, hang: true });
    const { result, runner } = await run(fake, { tuning: { requestTimeoutMs: 500 } });
    expect(fake.calls.some((c) => c.path.endsWith('/files') && c.query.get('page') === '2' && c.status === 502)).toBe(true);
    // The malformed list and the hung one were really asked for (and given up on by the client's timeout).
    expect(fake.calls.some((c) => c.method === 'GET' && c.path.endsWith('/pulls/1/comments'))).toBe(true);
    expect(fake.calls.some((c) => c.method === 'GET' && c.path.includes('/code-scanning/sarifs/sarif-'))).toBe(true);
    expect(result.verdict).toBe('fail');
    const posted = [...fake.reviews.map((r) => r.body), ...fake.reviewComments.map((c) => c.body), ...fake.checkRuns.flatMap((r) => [r.output.summary, r.output.text ?? '']), runner.summary()].join('\n');
    for (const f of storyFindings()) expect(posted).toContain(`\`${f.ruleId}\``);
  });

  test('faults on writes: check runs and statuses fail on every attempt (500, 422): the job still fails, findings in the summary', async () => {
    fake.faults.push({ method: 'POST', path: /check-runs$/, status: 500, times: 20 });
    fake.faults.push({ method: 'POST', path: /statuses\//, status: 422, times: 20, body: { message: 'Validation Failed' } });
    fake.faults.push({ method: 'POST', path: /pulls\/1\/reviews$/, status: 502, times: 20 });
    const { result, runner } = await run(fake);
    expect(fake.checkRuns).toEqual([]);
    expect(result.verdict).toBe('fail');
    const summary = runner.summary();
    for (const f of storyFindings()) expect(summary).toContain(`\`${f.ruleId}\``);
  });

  test('API calls per run do not grow with the number of findings; one review of at most 50 comments, the rest counted', async () => {
    fake.files = [...prFiles(), { filename: 'k8s/big.yaml', status: 'added', patch: ADDED(300) }];
    const many = (n: number, spread: number): Finding[] => Array.from({ length: n }, (_, i) => finding({ path: 'k8s/big.yaml', startLine: (i % spread) + 1, ruleId: `rule-${i}`, fingerprint: `fp${i}` }));
    const reset = (): void => {
      fake.calls = [];
      fake.reviews = [];
      fake.reviewComments = [];
    };
    await run(fake, { report: () => reportOf(many(3, 12)) });
    const few = fake.calls.length;
    reset();
    // 45 findings on 12 lines: 12 grouped comments, same calls.
    await run(fake, { report: () => reportOf(many(45, 12)) });
    expect(fake.calls.length).toBe(few);
    expect(fake.reviewComments).toHaveLength(12);
    const writes = fake.writes().length;
    reset();
    // 400 findings on 200 lines: one review with the 50-comment cap; the 300 findings of the other 150 lines counted.
    await run(fake, { report: () => reportOf(many(400, 200)) });
    const capped = fake.calls.length;
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviewComments).toHaveLength(50);
    expect(fake.reviews[0]?.body).toContain('300 finding(s) on changed lines not commented (at most 50 comments per review)');
    expect(fake.checkRuns.at(-1)?.annotations).toHaveLength(400);
    reset();
    await run(fake, { report: () => reportOf(many(2000, 300)) });
    expect(fake.reviewComments).toHaveLength(50);
    expect(fake.calls.length).toBe(capped + 2);
    console.log(`API calls per run: ${few} (3 findings), ${few} (45), ${capped} (400), ${fake.calls.length} (2,000); writes at 3/45 findings: ${writes}`);
  });

  test('fork PR with a read-only token: no write is attempted, findings in summary and annotations', async () => {
    const { result, runner, log } = await run(fake, { payload: pullRequestPayload({ number: 1, baseSha: BASE, headSha: HEAD, fork: true }) });
    expect(fake.writes()).toEqual([]);
    expect(result.verdict).toBe('fail');
    expect(runner.summary()).toContain('fork');
    expect(log.filter((l) => l.startsWith('::error ')).length).toBeGreaterThan(0);
  });

  test('check runs not permitted: a commit status carries the verdict', async () => {
    fake.faults.push({ method: 'POST', path: /check-runs$/, status: 403, times: 1, body: { message: 'Resource not accessible by personal access token' } });
    await run(fake);
    expect(fake.statuses).toEqual([expect.objectContaining({ sha: HEAD, state: 'failure', context: 'shiftguard' })]);
  });

  test('code scanning not enabled (403) is a warning, not a crash', async () => {
    fake.faults.push({ method: 'POST', path: /code-scanning\/sarifs$/, status: 403, times: 1, body: { message: 'Code Security must be enabled for this repository to use code scanning.' } });
    const { result, log } = await run(fake);
    expect(result.verdict).toBe('fail');
    expect(log.some((l) => l.startsWith('::warning::SARIF not uploaded'))).toBe(true);
    expect(fake.checkRuns).toHaveLength(1);
  });

  test('two-stage: scan with a read-only token saves the artifact; report on workflow_run posts review and check', async () => {
    fake.readOnly = true;
    const scan = await run(fake, { inputs: { mode: 'scan' }, payload: pullRequestPayload({ number: 1, baseSha: BASE, headSha: HEAD, fork: true }) });
    expect(fake.writes()).toEqual([]);
    const file = scan.result.reportFile as string;
    fake.readOnly = false;
    fake.pull.fork = true;
    fake.artifacts.push({ id: 5, runId: 4242, name: 'shiftguard-report', zip: zipSync({ 'shiftguard-report.json': readFileSync(file) }) });
    const report = await run(fake, { inputs: { mode: 'report' }, eventName: 'workflow_run', payload: workflowRunPayload({ runId: 4242, headSha: HEAD }) });
    expect(fake.invalid).toEqual([]);
    expect(report.result.verdict).toBe('fail');
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviewComments.map((c) => c.line).sort()).toEqual([1, 5, 9]);
    expect(fake.checkRuns[0]).toMatchObject({ head_sha: HEAD, conclusion: 'failure' });
    expect(fake.sarifs[0]).toMatchObject({ commit_sha: HEAD, ref: 'refs/pull/1/head' });
  });

  test('report mode refuses an artifact whose PR head is not the workflow run sha', async () => {
    const scan = await run(fake, { inputs: { mode: 'scan' } });
    fake.pull.headSha = 'd'.repeat(40);
    fake.artifacts.push({ id: 6, runId: 99, name: 'shiftguard-report', zip: zipSync({ 'shiftguard-report.json': readFileSync(scan.result.reportFile as string) }) });
    await expect(run(fake, { inputs: { mode: 'report' }, eventName: 'workflow_run', payload: workflowRunPayload({ runId: 99, headSha: HEAD }) })).rejects.toThrow(/refusing/);
    expect(fake.writes()).toEqual([]);
  });
});
