import { loadBuiltinRules } from '../../src/rules/load.js';
import { scanText } from './helpers.js';

const rules = loadBuiltinRules('secrets');

describe('built-in secrets rules', () => {
  it('cover at least 250 credential types, each with complete metadata', () => {
    expect(rules.length).toBeGreaterThanOrEqual(250);
    for (const rule of rules) {
      expect(rule.remediation.length).toBeGreaterThan(20);
      expect(rule.tags).toContain('cwe:798');
      expect(rule.samples.some((s) => s.expect === 'fail')).toBe(true);
      expect(rule.samples.some((s) => s.expect === 'pass')).toBe(true);
    }
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it.each(rule.samples.map((s) => [s.name, s] as const))('sample: %s', async (_name, sample) => {
      const findings = (await scanText(sample.content, sample.file ?? 'snippet.txt')).filter((f) => f.ruleId === rule.id);
      if (sample.expect === 'pass') {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings.length).toBeGreaterThan(0);
      // A finding lands on its first and last line (they differ for multi-line values such as key blocks).
      const landed = [...new Set(findings.flatMap((f) => [f.startLine, f.endLine]))].sort((a, b) => a - b);
      if (sample.lines) expect(landed).toEqual(sample.lines);
    });
  });
});
