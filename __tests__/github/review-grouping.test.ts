import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../helpers/fake-github.js';
import type { Finding } from '../../src/model.js';
import { readMarkers } from '../../src/report/review.js';
import { parseInputs } from '../../src/action/inputs.js';
import { reviewSettings } from '../../src/action/review-settings.js';
import { finding, reportOf } from './helpers/report.js';
import { ADDED, BASE, HEAD, runPublish } from './helpers/publish-run.js';

// A fresh Deployment with a dozen findings on a few lines: what the reviewer sees is one comment per line, only
// for medium and above, and re-runs that never repeat themselves.
function deployment(): Finding[] {
  const at = (startLine: number, ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => finding({ path: 'k8s/deploy.yaml', startLine, ruleId, severity, ...extra });
  return [
    at(9, 'k8s-privileged', 'critical', { fix: { startLine: 9, endLine: 9, replacement: '          privileged: false' } }),
    at(9, 'k8s-allow-privilege-escalation', 'high'),
    at(9, 'k8s-run-as-root', 'medium', { fix: { startLine: 9, endLine: 9, replacement: '          runAsNonRoot: true' } }),
    at(9, 'k8s-readonly-rootfs', 'low'),
    at(3, 'k8s-no-limits', 'medium', { endLine: 5 }),
    at(5, 'k8s-no-requests', 'medium'),
    at(10, 'k8s-image-latest', 'low'),
    at(10, 'k8s-no-liveness', 'low'),
    at(11, 'k8s-no-readiness', 'info'),
    at(12, 'k8s-default-namespace', 'info'),
  ];
}

describe('review comments grouped by line, with a threshold', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
    fake.pull = { number: 1, headSha: HEAD, baseSha: BASE, fork: false };
    fake.files = [{ filename: 'k8s/deploy.yaml', status: 'added', patch: ADDED(12) }];
  });
  afterEach(() => fake.stop());

  const run = (findings: () => Finding[], options: { inputs?: Record<string, string>; files?: Record<string, string> } = {}) => runPublish(fake, { report: () => reportOf(findings()), ...options });

  test('one comment per line lists each finding at or above medium; lower ones are counted, and kept everywhere else', async () => {
    const { runner, result } = await run(deployment);
    expect(fake.invalid).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    // Line 9 (four findings, one low) and line 5 (the 3-5 range and the line-5 finding end there); 10-12 are low/info.
    expect(fake.reviewComments.map((c) => `${c.start_line ?? ''}-${c.line}`).sort()).toEqual(['-9', '3-5']);
    const nine = fake.reviewComments.find((c) => c.line === 9)?.body ?? '';
    expect(nine).toContain('**shiftguard** · 3 findings on this line');
    expect([...nine.matchAll(/\*\*(CRITICAL|HIGH|MEDIUM|LOW)\*\* · Rule ([\w-]+)/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'CRITICAL k8s-privileged', 'HIGH k8s-allow-privilege-escalation', 'MEDIUM k8s-run-as-root',
    ]);
    expect(nine.match(/\*\*Fix:\*\*/g)).toHaveLength(3);
    // Two fixes on one line would conflict: only the most severe finding's suggestion is offered.
    expect(nine.match(/```suggestion/g)).toHaveLength(1);
    expect(nine).toContain('privileged: false');
    expect(nine).not.toContain('runAsNonRoot');
    expect(readMarkers([nine]).posted.size).toBe(3);
    // The range comment (3-5) is the anchor for the line-5 finding too.
    expect(readMarkers([fake.reviewComments.find((c) => c.line === 5)?.body ?? '']).posted.size).toBe(2);
    expect(fake.reviews[0]?.body).toContain('5 lower-severity finding(s) (below medium) not commented; see the check run, the job summary and SARIF.');
    // Nothing dropped: every finding is annotated on the check run, in SARIF and in the job summary.
    expect(fake.checkRuns[0]?.annotations).toHaveLength(10);
    expect(JSON.parse(readFileSync(result.sarifFile as string, 'utf8')).runs[0].results).toHaveLength(10);
    for (const f of deployment()) expect(runner.summary()).toContain(`#L${f.startLine}`);
    // The job summary escapes Markdown; the count is there once the escapes are read.
    expect(runner.summary().replace(/\\/g, '')).toContain('review: 5 finding(s) on diff lines, 0 listed in the review body (5 lower-severity finding(s) (below medium) not commented');
  });

  test('a re-run with the same findings posts and edits nothing', async () => {
    await run(deployment);
    const comments = fake.reviewComments.map((c) => ({ ...c }));
    fake.calls = [];
    await run(deployment);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviewComments).toEqual(comments);
    expect(fake.writes().map((c) => `${c.method} ${c.path}`).sort()).toEqual(['POST /repos/acme/shop/check-runs', 'POST /repos/acme/shop/code-scanning/sarifs']);
  });

  test('a finding fixed in a grouped comment is struck through in place, once; the others keep their markers', async () => {
    await run(deployment);
    const without = (...ids: string[]) => () => deployment().filter((f) => !ids.includes(f.ruleId));
    await run(without('k8s-allow-privilege-escalation'));
    expect(fake.reviewComments).toHaveLength(2);
    const nine = fake.reviewComments.find((c) => c.line === 9)?.body ?? '';
    expect(nine).toContain('~~**HIGH** · Rule k8s-allow-privilege-escalation (`k8s-allow-privilege-escalation`)~~ — fixed since this comment');
    expect(nine).toContain('**shiftguard** · 3 findings on this line (1 fixed since)');
    const markers = readMarkers([nine]);
    expect(markers.posted.size).toBe(2);
    expect(markers.fixed.size).toBe(1);
    expect(nine).toContain('```suggestion\n          privileged: false\n```');
    // The fix is also noted in a review, as for ungrouped comments.
    expect(fake.reviews).toHaveLength(2);
    expect(fake.reviews[1]?.body).toMatch(/Fixed since an earlier review/);

    fake.calls = [];
    await run(without('k8s-allow-privilege-escalation'));
    expect(fake.writes().filter((c) => c.path.includes('/pulls/'))).toEqual([]);

    // Everything on line 9 fixed: no stale suggestion is left to apply.
    await run(without('k8s-allow-privilege-escalation', 'k8s-privileged', 'k8s-run-as-root'));
    const done = fake.reviewComments.find((c) => c.line === 9)?.body ?? '';
    expect(done).toContain('**shiftguard** · all 3 findings on this line are fixed');
    expect(done).not.toContain('suggestion');
    expect(readMarkers([done]).posted.size).toBe(0);
    expect(fake.reviewComments).toHaveLength(2);
  });

  test('a new finding on an already commented line gets its own comment; the earlier one is not repeated', async () => {
    await run(deployment);
    await run(() => [...deployment(), finding({ path: 'k8s/deploy.yaml', startLine: 9, ruleId: 'k8s-host-pid', severity: 'high' })]);
    expect(fake.reviewComments).toHaveLength(3);
    const added = fake.reviewComments.at(-1)?.body ?? '';
    expect(readMarkers([added]).posted).toEqual(new Set([finding({ path: 'k8s/deploy.yaml', startLine: 9, ruleId: 'k8s-host-pid' }).fingerprint]));
    expect(added).not.toContain('findings on this line');
  });

  test('the threshold comes from the config; the input overrides it', async () => {
    await run(deployment, { files: { '.shiftguard.yml': 'review:\n  minSeverity: low\n' } });
    // Low findings on line 10 now get their comment; info on 11 and 12 do not.
    expect(fake.reviewComments.map((c) => c.line).sort((a, b) => a - b)).toEqual([5, 9, 10]);
    expect(fake.reviews[0]?.body).toContain('2 lower-severity finding(s) (below low)');

    fake.reviews = [];
    fake.reviewComments = [];
    await run(deployment, { files: { '.shiftguard.yml': 'review:\n  minSeverity: low\n' }, inputs: { 'review-min-severity': 'critical' } });
    expect(fake.reviewComments).toHaveLength(1);
    expect(readMarkers([fake.reviewComments[0]?.body ?? '']).posted.size).toBe(1);
    expect(fake.reviews[0]?.body).toContain('9 lower-severity finding(s) (below critical)');
  });

  test('the per-review cap keeps the most severe lines and counts the rest in the review body', async () => {
    await run(deployment, { inputs: { 'review-max-comments': '1' } });
    expect(fake.reviewComments.map((c) => c.line)).toEqual([9]);
    expect(fake.reviews[0]?.body).toContain('2 finding(s) on changed lines not commented (at most 1 comments per review)');
    // The next run comments on what the cap left out, and only that.
    await run(deployment, { inputs: { 'review-max-comments': '1' } });
    expect(fake.reviewComments.map((c) => c.line)).toEqual([9, 5]);
  });
});

describe('review settings', () => {
  test('a config that cannot be read leaves the defaults and says so; inputs still win', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shiftguard-settings-'));
    writeFileSync(join(root, '.shiftguard.yml'), 'review: { minSeverity: urgent }\n');
    const log: string[] = [];
    expect(await reviewSettings(root, parseInputs({}), (m) => log.push(m))).toEqual({ minSeverity: 'medium', maxComments: 50 });
    expect(log.join('\n')).toMatch(/review settings: config not usable .*review\.minSeverity/);
    expect(await reviewSettings(root, parseInputs({ 'INPUT_REVIEW-MIN-SEVERITY': 'high', 'INPUT_REVIEW-MAX-COMMENTS': '5' }), () => undefined)).toEqual({ minSeverity: 'high', maxComments: 5 });
  });
});
