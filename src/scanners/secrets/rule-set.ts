import { loadBuiltinRules, toRuleMeta, type LoadedRule } from '../../rules/load.js';
import type { RuleMeta } from '../../model.js';
import { builtinCheckSchema, compileRule, isBuiltinCheck, SecretsRuleError, type CompiledRule } from './rule-check.js';
import { SecretDetector } from './detect.js';

export interface KubernetesLiteralRule {
  meta: RuleMeta;
  minEncodedLength: number;
}

/** Everything the scanner needs from the rule files, compiled once. */
export interface SecretsRuleSet {
  detector: SecretDetector;
  patternRules: CompiledRule[];
  kubernetesLiteral: KubernetesLiteralRule | null;
  metas: RuleMeta[];
}

export function buildRuleSet(rules: LoadedRule[]): SecretsRuleSet {
  const patternRules: CompiledRule[] = [];
  let kubernetesLiteral: KubernetesLiteralRule | null = null;
  for (const rule of rules) {
    if (!isBuiltinCheck(rule.check)) {
      patternRules.push(compileRule(rule, patternRules.length));
      continue;
    }
    const parsed = builtinCheckSchema.safeParse(rule.check);
    if (!parsed.success) throw new SecretsRuleError(`${rule.file} ${rule.id}: check ${parsed.error.message}`);
    kubernetesLiteral = { meta: toRuleMeta(rule), minEncodedLength: parsed.data.minEncodedLength };
  }
  return {
    detector: new SecretDetector(patternRules),
    patternRules,
    kubernetesLiteral,
    metas: rules.map((r) => toRuleMeta(r)),
  };
}

let builtin: SecretsRuleSet | null = null;

/** The built-in rules, compiled on first use (not at import time) and then shared. */
export function builtinRuleSet(): SecretsRuleSet {
  builtin ??= buildRuleSet(loadBuiltinRules('secrets'));
  return builtin;
}
