import type { FileTree, ScanServices } from '../../src/model.js';
import { scaScanner } from '../../src/scanners/sca/index.js';
import { loadScaRules } from '../../src/scanners/sca/rules.js';
import type { AdvisorySource } from '../../src/scanners/sca/sources/types.js';

// One generic test for every SCA rule: each sample lockfile goes through the real scanner, under the
// licence policy the rule declares for its samples, with an advisory source that knows no advisories.

const rules = loadScaRules();
const noAdvisories: AdvisorySource = { query: async () => ({ byPackage: new Map(), errors: [], complete: true }) };
const emptyTree: FileTree = { read: async () => null, list: async () => [] };
const services: ScanServices = { now: () => new Date('2026-06-01T00:00:00Z'), log: () => undefined, advisorySource: noAdvisories };

describe('sca rules', () => {
  it('all carry complete metadata and both kinds of samples', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(['license-denied', 'license-not-allowed', 'license-unknown']);
    for (const { rule } of rules) {
      expect(rule.samples.some((s) => s.expect === 'fail')).toBe(true);
      expect(rule.samples.some((s) => s.expect === 'pass')).toBe(true);
      expect(rule.references.length).toBeGreaterThan(0);
    }
    expect(scaScanner.rules().map((r) => r.id).sort()).toEqual(['license-denied', 'license-not-allowed', 'license-unknown']);
  });

  const cases = rules.flatMap((r) => r.rule.samples.map((sample) => [r.meta.id, sample.name, r, sample] as const));
  it.each(cases)('%s: %s', async (_id, _name, { meta, samplePolicy }, sample) => {
    const path = sample.file ?? 'package-lock.json';
    expect(scaScanner.accepts(path)).toBe(true);
    const out = await scaScanner.scan({
      targets: [{ path, content: sample.content, addedLines: null }],
      tree: emptyTree,
      side: 'head',
      config: { licenses: samplePolicy },
      services,
    });
    expect(out.errors).toEqual([]);
    const mine = out.findings.filter((f) => f.ruleId === meta.id);
    if (sample.expect === 'pass') {
      expect(mine).toEqual([]);
      return;
    }
    expect(mine.length).toBeGreaterThan(0);
    if (sample.lines) expect([...new Set(mine.map((f) => f.startLine))].sort((a, b) => a - b)).toEqual(sample.lines);
  });

  it('reads licences from node_modules/.package-lock.json beside package-lock.json', async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'a' }, 'node_modules/gpl-lib': { version: '2.0.0' } } }, null, 2);
    const hidden = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/gpl-lib': { version: '2.0.0', license: 'GPL-3.0-only' } } });
    const tree: FileTree = { read: async (p) => (p === 'app/node_modules/.package-lock.json' ? new TextEncoder().encode(hidden) : null), list: async () => [] };
    const out = await scaScanner.scan({
      targets: [{ path: 'app/package-lock.json', content: lock, addedLines: null }],
      tree,
      side: 'head',
      config: { licenses: { deny: ['GPL-3.0-only'] } },
      services,
    });
    expect(out.findings.map((f) => [f.ruleId, f.path, f.startLine])).toEqual([['license-denied', 'app/package-lock.json', 7]]);
  });
});
