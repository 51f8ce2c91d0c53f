import { loadBuiltinRules, toRuleMeta, type LoadedRule } from '../../rules/load.js';
import { DOCKERFILE_RULES_DIR } from './dockerfile/scan.js';
import { compileCheck } from './engine/compile.js';
import type { CompiledRule } from './engine/run.js';

export interface ManifestRuleSet {
  loaded: LoadedRule[];
  compiled: CompiledRule[];
}

/** Validates and compiles rule documents; a bad `check` throws a RuleFileError naming the file and field. */
export function compileRules(loaded: LoadedRule[]): ManifestRuleSet {
  return { loaded, compiled: loaded.map((rule) => ({ meta: toRuleMeta(rule), check: compileCheck(rule) })) };
}

let builtin: ManifestRuleSet | undefined;

/** The built-in Kubernetes rules under rules/manifests/ (Dockerfile rules have their own engine), loaded on first use. */
export function builtinManifestRules(): ManifestRuleSet {
  builtin ??= compileRules(loadBuiltinRules('manifests').filter((rule) => !rule.file.startsWith(DOCKERFILE_RULES_DIR)));
  return builtin;
}
