// Dockerfile scanning: parse each Dockerfile target once, run every dockerfile rule's check on it.
import { fingerprint } from '../../../fingerprint.js';
import type { RawFinding, RuleMeta, ScanError, ScanTarget } from '../../../model.js';
import { loadBuiltinRules, RuleFileError, toRuleMeta, type LoadedRule } from '../../../rules/load.js';
import { dockerfileCheckSchema, runCheck, type DockerfileCheck } from './checks.js';
import { parseDockerfile } from './model.js';
import { isDockerfilePath } from './names.js';

/** Rule files under this folder of rules/ are Dockerfile rules. */
export const DOCKERFILE_RULES_DIR = 'manifests/dockerfile/';

/**
 * The Dockerfile parser (dockerfile-ast) spends microseconds per character: a 10 MB RUN line takes
 * half a minute. Real Dockerfiles are a few KiB; a larger one is refused by path, unparsed.
 */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;

export interface DockerfileRule {
  rule: LoadedRule;
  check: DockerfileCheck;
}

export function compileDockerfileRules(rules: LoadedRule[]): DockerfileRule[] {
  return rules
    .filter((rule) => rule.file.startsWith(DOCKERFILE_RULES_DIR))
    .map((rule) => {
      const parsed = dockerfileCheckSchema.safeParse(rule.check);
      if (!parsed.success) {
        throw new RuleFileError(rule.file, `check: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      }
      return { rule, check: parsed.data };
    });
}

let builtin: DockerfileRule[] | undefined;

function builtinRules(): DockerfileRule[] {
  builtin ??= compileDockerfileRules(loadBuiltinRules('manifests'));
  return builtin;
}

export function dockerfileRules(): RuleMeta[] {
  return builtinRules().map((r) => toRuleMeta(r.rule));
}

export interface DockerfileScanOptions {
  /** Rules to run instead of the built-in ones (tests, custom rule sets). */
  rules?: DockerfileRule[];
  /** Rule ids not to run. */
  disabled?: ReadonlySet<string>;
}

export function scanDockerfiles(targets: ScanTarget[], options: DockerfileScanOptions = {}): { findings: RawFinding[]; errors: ScanError[] } {
  const rules = (options.rules ?? builtinRules()).filter((r) => !options.disabled?.has(r.rule.id));
  const findings: RawFinding[] = [];
  const errors: ScanError[] = [];
  for (const target of targets) {
    if (!isDockerfilePath(target.path)) continue;
    if (target.content.length > MAX_DOCKERFILE_BYTES) {
      errors.push({ path: target.path, reason: `Dockerfile too large to parse (${target.content.length} characters, limit ${MAX_DOCKERFILE_BYTES})`, scanner: 'manifests' });
      continue;
    }
    const df = parseDockerfile(target.content);
    if (df.stages.length === 0) {
      if (target.content.trim() !== '') errors.push({ path: target.path, reason: 'no FROM instruction: not scanned as a Dockerfile', scanner: 'manifests' });
      continue;
    }
    for (const { rule, check } of rules) {
      for (const hit of runCheck(check, df)) {
        findings.push({
          scanner: 'manifests',
          ruleId: rule.id,
          severity: rule.severity,
          path: target.path,
          startLine: hit.line,
          endLine: hit.endLine,
          ...(hit.column !== undefined ? { startColumn: hit.column } : {}),
          message: hit.message,
          fingerprint: fingerprint(rule.id, target.path, hit.key),
          tags: rule.tags,
        });
      }
    }
  }
  return { findings, errors };
}
