import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../config.js';
import { UserError } from '../errors.js';
import type { FileTree } from '../model.js';
import { loadCustomRules } from '../rules/custom.js';
import { CUSTOM_RULES_SERVICE } from '../rules/custom-service.js';
import type { LoadedRule, RuleSample } from '../rules/load.js';
import { SCANNERS } from '../scanners/registry.js';
import { parsingArgs } from './args.js';
import type { Command } from './types.js';

const usage = `Usage: shiftguard test-rules [DIR]

Runs every sample of the repository's own rules (DIR, default .shiftguard/rules) through the real
scanner: a "fail" sample must give at least one finding of its rule (on its \`lines\` when given), a
"pass" sample none. Exit codes: 0 all samples behave, 1 a sample does not, 2 a rule is invalid.`;

const DEFAULT_FILE: Record<string, string> = { manifests: 'sample.yaml', secrets: 'sample.txt' };

/** Why a sample did not behave, or null when it did. */
async function checkSample(rule: LoadedRule, sample: RuleSample): Promise<string | null> {
  const path = sample.file ?? DEFAULT_FILE[rule.scanner] ?? 'sample.txt';
  const tree: FileTree = {
    read: async (p) => (p === path ? new TextEncoder().encode(sample.content) : null),
    list: async () => [path],
  };
  const output = await SCANNERS[rule.scanner].scan({
    targets: [{ path, content: sample.content, addedLines: null }],
    tree,
    side: 'head',
    config: defaultConfig()[rule.scanner],
    services: { now: () => new Date(), log: () => undefined, [CUSTOM_RULES_SERVICE]: [rule] },
  });
  const hits = output.findings.filter((f) => f.ruleId === rule.id);
  if (sample.expect === 'pass') return hits.length === 0 ? null : `expected no finding, got ${hits.length} (line ${hits.map((f) => f.startLine).join(', ')})`;
  if (hits.length === 0) return `expected a finding${sample.lines ? ` on line ${sample.lines.join(', ')}` : ''}, got none${output.errors.length ? ` (${output.errors[0]!.reason})` : ''}`;
  const missing = (sample.lines ?? []).filter((line) => !hits.some((f) => f.startLine <= line && line <= f.endLine));
  return missing.length ? `expected a finding on line ${missing.join(', ')}, got line ${hits.map((f) => f.startLine).join(', ')}` : null;
}

export const testRulesCommand: Command = {
  name: 'test-rules',
  summary: "run the samples of the repository's own rules (.shiftguard/rules) like unit tests",
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('test-rules', () =>
      parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length > 1) throw new UserError('test-rules: one DIR at most');
    const rules = loadCustomRules(io.cwd, positionals[0] ?? '.shiftguard/rules');
    if (rules.length === 0) throw new UserError(`test-rules: no rules in ${resolve(io.cwd, positionals[0] ?? '.shiftguard/rules')}`);
    let passed = 0;
    let failed = 0;
    for (const rule of rules) {
      io.stdout.write(`${rule.id} (${rule.file})\n`);
      if (rule.samples.length === 0) io.stdout.write('  (no samples: add some, a rule without them is untested)\n');
      for (const sample of rule.samples) {
        const problem = await checkSample(rule, sample);
        const label = `${sample.expect === 'fail' ? 'invalid' : 'valid'}: ${sample.name}`;
        if (problem === null) {
          passed++;
          io.stdout.write(`  ✓ ${label}\n`);
        } else {
          failed++;
          io.stdout.write(`  ✗ ${label}\n      ${problem}\n`);
        }
      }
    }
    io.stdout.write(`\n${passed} passed, ${failed} failed, ${rules.length} rule${rules.length === 1 ? '' : 's'}\n`);
    return failed > 0 ? 1 : 0;
  },
};
