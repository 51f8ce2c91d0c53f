import type { RawFinding, ScanError, ScanTarget } from '../../model.js';
import { contextOf, runObjectRules, runSetRules, type CompiledRule } from './engine/run.js';
import type { CheckContext } from './engine/types.js';
import type { ManifestObject } from './types.js';
import { parseManifests } from './yaml/parse.js';

/**
 * Parses each target and checks its objects right away, then lets go of their syntax trees, so memory
 * stays flat on large scans. One bad file never stops the rest. Objects from other routes (Helm,
 * Kustomize) join through `extra`. The same finding reached twice is kept once.
 */
export function scanTargets(
  targets: readonly ScanTarget[],
  rules: readonly CompiledRule[],
  options: { extra?: readonly ManifestObject[] } = {},
): { findings: RawFinding[]; errors: ScanError[]; contexts: CheckContext[]; objects: number; workloads: number } {
  const findings: RawFinding[] = [];
  const errors: ScanError[] = [];
  const contexts: CheckContext[] = [];
  const keep = setRuleKeeper(rules);
  let objects = 0;
  let workloads = 0;
  const check = (object: ManifestObject): CheckContext => {
    const ctx = contextOf(object);
    runObjectRules(ctx, rules, findings);
    objects++;
    if (ctx.podSpecs.length > 0) workloads++;
    return ctx;
  };
  for (const target of targets) {
    const parsed = parseManifests(target.path, target.content);
    errors.push(...parsed.errors);
    for (const object of parsed.objects) {
      const ctx = check(object);
      if (keep(ctx)) contexts.push(summaryForSetRules(ctx));
      object.release();
    }
  }
  // Rendered objects are held by their chart or overlay anyway: nothing to gain from summarising them.
  for (const object of options.extra ?? []) contexts.push(check(object));
  return { findings, errors, contexts, objects, workloads };
}

/** Whether some set-level rule wants to see an object read from a file (see Template.keeper). */
function setRuleKeeper(rules: readonly CompiledRule[]): (ctx: CheckContext) => boolean {
  const keepers: Array<(ctx: CheckContext) => boolean> = [];
  for (const rule of rules) {
    if (!('runSet' in rule.check)) continue;
    keepers.push(rule.check.keeper?.() ?? (() => true));
  }
  // Every keeper sees every object (they may count what they have seen), so no short-circuit.
  return (ctx) => {
    let kept = false;
    for (const keeper of keepers) if (keeper(ctx)) kept = true;
    return kept;
  };
}

/**
 * What set-level rules keep of an object read from a file (see SetContext): its identity, metadata and
 * where its pod specs and containers are, so findings still locate and fingerprint as before.
 */
function summaryForSetRules(ctx: CheckContext): CheckContext {
  const { value, ...located } = ctx.object;
  const summary = { apiVersion: value.apiVersion, kind: value.kind, metadata: value.metadata };
  return {
    ...ctx,
    object: { ...located, value: summary },
    podSpecs: ctx.podSpecs.map((pod) => ({
      ...pod,
      spec: {},
      containers: pod.containers.map((container) => ({ ...container, value: {} })),
    })),
  };
}

/** Set-level rules over everything scanned, then de-duplication (same rule, file, line and resource). */
export function finishScan(
  findings: RawFinding[],
  contexts: CheckContext[],
  rules: readonly CompiledRule[],
  background: readonly ManifestObject[],
): RawFinding[] {
  runSetRules(contexts, rules, background, findings);
  // Nested maps keyed by strings the findings already hold: no key string is built per finding.
  const seen = new Map<string, Map<string, Map<string, Set<number>>>>();
  return findings.filter((finding) => {
    const byResource = seen.get(finding.path) ?? seen.set(finding.path, new Map()).get(finding.path)!;
    const resource = finding.resource ?? '';
    const byRule = byResource.get(resource) ?? byResource.set(resource, new Map()).get(resource)!;
    const lines = byRule.get(finding.ruleId) ?? byRule.set(finding.ruleId, new Set()).get(finding.ruleId)!;
    if (lines.has(finding.startLine)) return false;
    lines.add(finding.startLine);
    return true;
  });
}

/** Checks objects already in memory (tests, other routes): per-object rules, set rules, de-duplication. */
export function checkObjects(objects: readonly ManifestObject[], rules: readonly CompiledRule[], background: readonly ManifestObject[] = []): RawFinding[] {
  const { findings, contexts } = scanTargets([], rules, { extra: objects });
  return finishScan(findings, contexts, rules, background);
}
