// Runs every Dockerfile rule's samples: fail => findings of that rule (on `lines` when given), pass => none.
import { loadBuiltinRules } from '../../src/rules/load.js';
import { compileDockerfileRules, dockerfileRules, scanDockerfiles } from '../../src/scanners/manifests/dockerfile/index.js';

const rules = compileDockerfileRules(loadBuiltinRules('manifests'));
const cases = rules.flatMap(({ rule }) => rule.samples.map((sample) => ({ rule, sample })));

test('the dockerfile rule family is loaded and its metadata exported', () => {
  expect(rules.length).toBeGreaterThanOrEqual(9);
  expect(dockerfileRules().map((r) => r.id)).toEqual(rules.map((r) => r.rule.id));
  for (const { rule } of rules) expect(rule.samples.some((s) => s.expect === 'fail') && rule.samples.some((s) => s.expect === 'pass')).toBe(true);
});

test.each(cases.map((c) => [`${c.rule.id}: ${c.sample.name}`, c] as const))('%s', (_name, { rule, sample }) => {
  const path = sample.file ?? 'Dockerfile';
  const { findings, errors } = scanDockerfiles([{ path, content: sample.content, addedLines: null }]);
  expect(errors).toEqual([]);
  const mine = findings.filter((f) => f.ruleId === rule.id);
  if (sample.expect === 'pass') {
    expect(mine).toEqual([]);
    return;
  }
  expect(mine.length).toBeGreaterThan(0);
  if (sample.lines) expect(mine.map((f) => f.startLine).sort((a, b) => a - b)).toEqual(sample.lines);
  for (const f of mine) {
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(f.severity).toBe(rule.severity);
    expect(f.tags).toEqual(rule.tags);
  }
});
