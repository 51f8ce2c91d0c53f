import { loadBuiltinRules } from '../../src/rules/load.js';
import { DOCKERFILE_RULES_DIR } from '../../src/scanners/manifests/dockerfile/scan.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { scanFiles } from './helpers.js';

// One generic test for every Kubernetes rule: each sample goes through the real scanner.
// (Dockerfile rules have their own engine and their own generic test in __tests__/dockerfile.)
const rules = loadBuiltinRules('manifests').filter((rule) => !rule.file.startsWith(DOCKERFILE_RULES_DIR));

describe('manifests rules', () => {
  it('all compile and carry complete metadata', () => {
    const { compiled } = builtinManifestRules();
    expect(compiled.length).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.samples.some((s) => s.expect === 'fail')).toBe(true);
      expect(rule.samples.some((s) => s.expect === 'pass')).toBe(true);
      expect(rule.references.length).toBeGreaterThan(0);
    }
  });

  const cases = rules.flatMap((rule) => rule.samples.map((sample) => [rule.id, sample.name, rule, sample] as const));
  it.each(cases)('%s: %s', async (_id, _name, rule, sample) => {
    const out = await scanFiles({ [sample.file ?? 'sample.yaml']: sample.content });
    expect(out.errors).toEqual([]);
    const mine = out.findings.filter((f) => f.ruleId === rule.id);
    if (sample.expect === 'pass') {
      expect(mine).toEqual([]);
      return;
    }
    expect(mine.length).toBeGreaterThan(0);
    if (sample.lines) expect([...new Set(mine.map((f) => f.startLine))].sort((a, b) => a - b)).toEqual(sample.lines);
  });
});
