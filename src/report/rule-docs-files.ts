import { SCANNER_IDS } from '../model.js';
import { loadBuiltinRules, toRuleMeta } from '../rules/load.js';
import { ruleToMarkdown, rulesIndexMarkdown, type RuleDocInput } from './rule-docs.js';

/** The command that regenerates docs/rules; stale-docs messages point at it. */
export const RULE_DOCS_COMMAND = 'npm run docs:rules';

/** Every built-in rule with its samples, sorted by id: the input of the generated docs. */
export function builtinRuleDocInputs(rulesDir?: string): RuleDocInput[] {
  return SCANNER_IDS.flatMap((scanner) => loadBuiltinRules(scanner, rulesDir))
    .map((rule): RuleDocInput => ({ ...toRuleMeta(rule), samples: rule.samples }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** File name (inside docs/rules/) -> content: one page per rule plus README.md, the index. */
export function ruleDocFiles(rules: readonly RuleDocInput[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(`${rule.id}.md`, ruleToMarkdown(rule));
  files.set('README.md', rulesIndexMarkdown(rules));
  return files;
}
