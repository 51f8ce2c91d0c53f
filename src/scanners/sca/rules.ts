import { z } from 'zod';
import type { RuleMeta } from '../../model.js';
import { loadBuiltinRules, RuleFileError, toRuleMeta, type LoadedRule } from '../../rules/load.js';
import { licensePolicySchema, type LicensePolicy } from './config.js';

// Built-in SCA rules are the licence rules (advisories become rules dynamically). Their `check` holds
// the policy their samples are scanned with, since a licence verdict depends on the project's policy.

const checkSchema = z.strictObject({ samplePolicy: licensePolicySchema });

export interface ScaRule {
  rule: LoadedRule;
  meta: RuleMeta;
  samplePolicy: LicensePolicy;
}

export function loadScaRules(rulesDir?: string): ScaRule[] {
  return loadBuiltinRules('sca', rulesDir).map((rule) => {
    const check = checkSchema.safeParse(rule.check);
    if (!check.success) throw new RuleFileError(rule.file, `check: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { rule, meta: toRuleMeta(rule), samplePolicy: check.data.samplePolicy };
  });
}
