import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildCheckOutput, CHECK_OUTPUT_LIMIT, MAX_ANNOTATIONS } from '../../src/report/check.js';
import { summaryMarkdown } from '../../src/report/summary.js';
import { annotationCommand, inertLog, workflowAnnotations } from '../../src/report/annotations.js';
import { parseInputs } from '../../src/action/inputs.js';
import { parseEvent } from '../../src/action/event.js';
import { readOnlyReason } from '../../src/action/publish.js';
import { finding, reportOf } from './helpers/report.js';

const many = (n: number) => Array.from({ length: n }, (_, i) => finding({ path: `deploy/ünïcode-${i}.yaml`, startLine: i + 1, ruleId: `rule-${i % 7}`, fingerprint: `fp${i}`, message: 'x'.repeat(200) }));
const link = () => 'https://github.example/o/r/blob/sha/f#L1';

describe('outputs budgeted to GitHub limits', () => {
  test('check output text stays within 65,535 bytes and annotations are capped with a count', () => {
    const out = buildCheckOutput({ report: reportOf(many(2000)), verdict: 'fail', reason: 'r', errors: [], link });
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(out.text).toMatch(/\d+ more not shown/);
    expect(out.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(out.annotationsOmitted).toBe(2000 - MAX_ANNOTATIONS);
  });

  test('the job summary stays under 1 MiB with a "more not shown" note', () => {
    const md = summaryMarkdown({ report: reportOf(many(20000)), verdict: 'fail', reason: 'r', errors: [], deliveries: [], link });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md).toMatch(/more not shown \(all are in the SARIF file\)/);
  });

  test('workflow-command annotations: at most 10 per level, data escaped so PR text cannot start a command', () => {
    const lines = workflowAnnotations(reportOf(many(40)));
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(lines.at(-1)).toMatch(/^::notice title=shiftguard::30 more findings/);
    const evil = annotationCommand('error', finding({ path: 'a,b:c', startLine: 1, ruleId: 'r', message: 'x\n::set-output name=verdict::pass' }));
    expect(evil.split('\n')).toHaveLength(1);
    expect(evil).toContain('file=a%2Cb%3Ac');
    expect(inertLog('::add-mask::x')).not.toMatch(/^::/);
  });
});

describe('inputs and events parsed at the edge', () => {
  test('every action.yml input is read, with the same defaults', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
    const env: NodeJS.ProcessEnv = { RUNNER_TEMP: '/tmp/r' };
    for (const [name, spec] of Object.entries(action.inputs)) if (spec.default !== undefined && !spec.default.includes('${{')) env[`INPUT_${name.toUpperCase()}`] = spec.default;
    expect(parseInputs(env)).toEqual({ ...parseInputs({ RUNNER_TEMP: '/tmp/r' }), githubToken: '' });
    expect(Object.keys(action.inputs).sort()).toEqual(['advisory-db', 'check-name', 'comment', 'config', 'fail-on', 'fail-on-error', 'github-token', 'mode', 'paths', 'review-max-comments', 'review-min-severity', 'sarif-file', 'scanners', 'upload-sarif']);
  });

  test('bad inputs are named', () => {
    expect(() => parseInputs({ INPUT_MODE: 'publish' })).toThrow(/mode must be one of scan-and-report, scan, report/);
    expect(() => parseInputs({ INPUT_SCANNERS: 'secrets,virus' })).toThrow(/unknown virus/);
    expect(() => parseInputs({ 'INPUT_FAIL-ON': 'info' })).toThrow(/fail-on/);
    expect(() => parseInputs({ 'INPUT_REVIEW-MIN-SEVERITY': 'severe' })).toThrow(/review-min-severity must be one of critical/);
    expect(() => parseInputs({ 'INPUT_REVIEW-MAX-COMMENTS': '500' })).toThrow(/review-max-comments must be a whole number from 1 to 50/);
    expect(parseInputs({ 'INPUT_REVIEW-MIN-SEVERITY': 'low', 'INPUT_REVIEW-MAX-COMMENTS': '10' })).toMatchObject({ reviewMinSeverity: 'low', reviewMaxComments: 10 });
  });

  test('a PR from a fork is marked; a new-branch push has no range', () => {
    const sha = 'a'.repeat(40);
    const pr = parseEvent('pull_request', { pull_request: { number: 3, base: { sha, repo: { full_name: 'o/r' } }, head: { sha, repo: { full_name: 'x/r' } } } });
    expect(pr).toMatchObject({ kind: 'pull_request', fork: true, number: 3 });
    expect(parseEvent('push', { before: '0'.repeat(40), after: sha })).toEqual({ kind: 'other', name: 'push' });
  });

  test('read-only runs are known before any write: forks, Dependabot, mode scan; pull_request_target may write', () => {
    const sha = 'a'.repeat(40);
    const event = (name: string, head: string) => parseEvent(name, { pull_request: { number: 3, base: { sha, repo: { full_name: 'o/r' } }, head: { sha, repo: { full_name: head } } } });
    const inputs = parseInputs({});
    expect(readOnlyReason(inputs, event('pull_request', 'x/r'))).toMatch(/fork/);
    expect(readOnlyReason(inputs, event('pull_request', 'o/r'), 'dependabot[bot]')).toMatch(/Dependabot/);
    expect(readOnlyReason(parseInputs({ INPUT_MODE: 'scan' }), event('pull_request', 'o/r'))).toMatch(/mode scan/);
    expect(readOnlyReason(inputs, event('pull_request_target', 'x/r'))).toBeNull();
    expect(readOnlyReason(inputs, event('pull_request', 'o/r'))).toBeNull();
  });
});
