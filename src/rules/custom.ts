import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../errors.js';
import type { LoadedRule } from './load.js';
import { listYaml, parseRuleFile, RuleFileError } from './load.js';
import { compileRules } from '../scanners/manifests/rules.js';
import { SecretsRuleError } from '../scanners/secrets/rule-check.js';
import { buildRuleSet } from '../scanners/secrets/rule-set.js';
import { SCANNERS } from '../scanners/registry.js';

/** Compiles rules with the engine of their scanner, so a bad check fails here, naming file and field. */
function validate(rule: LoadedRule): void {
  if (rule.scanner === 'manifests') compileRules([rule]);
  else if (rule.scanner === 'secrets') buildRuleSet([rule]);
  else throw new RuleFileError(rule.file, `scanner: custom rules support manifests and secrets, not ${rule.scanner}`);
}

/**
 * The repository's own rules: every YAML file under `dir` (recursive), same schema as the built-in
 * rules. Data only — checks are compiled by the engines, whose regexes must be linear-time. Any
 * problem is a UserError naming the file and the field (exit 2).
 */
export function loadCustomRules(root: string, dir: string): LoadedRule[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const builtinIds = new Set(Object.values(SCANNERS).flatMap((s) => s.rules().map((r) => r.id)));
  const seen = new Set<string>();
  const rules: LoadedRule[] = [];
  try {
    for (const file of listYaml(full)) {
      const shown = relative(root, file).split('\\').join('/');
      for (const rule of parseRuleFile(readFileSync(file, 'utf8'), shown)) {
        if (builtinIds.has(rule.id) || seen.has(rule.id)) throw new RuleFileError(shown, `id: ${rule.id} is already used by ${seen.has(rule.id) ? 'another custom' : 'a built-in'} rule`);
        seen.add(rule.id);
        validate(rule);
        rules.push(rule);
      }
    }
  } catch (error) {
    if (error instanceof RuleFileError) throw new UserError(`custom rule ${error.message}`);
    if (error instanceof SecretsRuleError) throw new UserError(`custom rule ${error.message}`);
    throw error;
  }
  return rules;
}
