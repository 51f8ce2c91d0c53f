// SARIF from a real scan of the built-in rules' failing samples, and docs for every built-in rule.

import { rmSync } from 'node:fs';
import { ruleToMarkdown, rulesIndexMarkdown } from '../../src/report/rule-docs.js';
import { toSarif } from '../../src/report/sarif.js';
import { toRuleMeta } from '../../src/rules/load.js';
import { secretsScanner } from '../../src/scanners/secrets/index.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { builtinRulesWithSamples, scanBuiltinSamples } from './fixtures/builtin-scan.js';

const rules = builtinRulesWithSamples();

test('a real scan of every failing sample gives schema-valid SARIF with a described rule per result', async () => {
  const { report, root, files } = await scanBuiltinSamples();
  rmSync(root, { recursive: true, force: true });
  expect(files).toBeGreaterThan(0);
  expect(report.findings.length).toBeGreaterThanOrEqual(files);
  for (const options of [{ srcRoot: root }, { srcRoot: root, splitByScanner: true }]) {
    const log = toSarif(report, options);
    expect(sarifSchemaErrors(log)).toEqual([]);
    for (const run of log.runs) {
      const described = new Set(report.rules.map((r) => r.id));
      for (const result of run.results) {
        expect(described.has(result.ruleId)).toBe(true);
        expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^samples%20dir\/%C3%BC/);
      }
    }
  }
  console.log(`SARIF from built-in samples: ${files} files, ${report.findings.length} results, ${report.rules.length} rules`);
});

test('every built-in rule renders a docs page with what, why, how to fix, and its samples', () => {
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) {
    const page = ruleToMarkdown({ ...toRuleMeta(rule), samples: rule.samples });
    for (const heading of ['## What it finds', '## Why it matters', '## How to fix']) expect(page).toContain(heading);
    if (rule.samples.length > 0) expect(page).toContain('## Examples');
    expect(page.split('\n')[0]).toBe(`# ${rule.title}`);
  }
  const index = rulesIndexMarkdown(rules.map(toRuleMeta));
  for (const rule of rules) expect(index).toContain(`(${rule.id}.md)`);
});

test('the generated docs of the secrets rules do not trip our own secrets scanner', async () => {
  const secretRules = rules.filter((r) => r.scanner === 'secrets');
  const targets = secretRules.map((rule) => ({
    path: `docs/rules/${rule.id}.md`,
    content: ruleToMarkdown({ ...toRuleMeta(rule), samples: rule.samples }),
    addedLines: null,
  }));
  const tree = { read: async () => null, list: async () => [] };
  const services = { now: () => new Date('2026-01-01T00:00:00Z'), log: () => undefined };
  const output = await secretsScanner.scan({ targets, tree, side: 'head', config: undefined, services });
  expect(output.errors).toEqual([]);
  // shiftguard:ignore gcp-service-account-key the comment below quotes the key-file marker
  // This rule matches the "type": "service_account" marker of a key file, which is not itself a secret.
  const markerOnly = new Set(['gcp-service-account-key']);
  const leaks = output.findings.filter((f) => !markerOnly.has(f.ruleId));
  expect(leaks.map((f) => `${f.path}:${f.startLine} ${f.ruleId}`)).toEqual([]);
  console.log(`Secrets rule docs scanned by the secrets scanner: ${targets.length} pages, ${leaks.length} secrets found`);
});
