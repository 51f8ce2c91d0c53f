import { fingerprint } from '../../../fingerprint.js';
import type { RawFinding, RuleMeta } from '../../../model.js';
import { findPodSpecs, type ContainerRef, type PodSpecRef } from '../podspec.js';
import { resourceId } from '../resource.js';
import { annotationSuppression, suppressionAnnotations } from '../suppress.js';
import type { ManifestObject, NodePath } from '../types.js';
import { scalarFix } from './fix.js';
import type { CheckContext, CompiledCheck, Violation } from './types.js';

export interface CompiledRule {
  meta: RuleMeta;
  check: CompiledCheck;
}

function startsWith(path: NodePath, prefix: NodePath): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

// "spec.template.spec.containers.<name>" for each container, made once per container.
const containerKeys = new WeakMap<ContainerRef, string>();

function containerKey(container: ContainerRef): string {
  let key = containerKeys.get(container);
  if (key === undefined) {
    key = [...container.path.slice(0, -1), container.name].join('.');
    containerKeys.set(container, key);
  }
  return key;
}

/** Field path with container indexes replaced by names, so reordering containers keeps fingerprints. */
function fieldKey(path: NodePath, podSpecs: PodSpecRef[]): string {
  for (const pod of podSpecs) {
    if (!startsWith(path, pod.path)) continue;
    for (const c of pod.containers) {
      if (!startsWith(path, c.path)) continue;
      return path.length > c.path.length ? `${containerKey(c)}.${path.slice(c.path.length).join('.')}` : containerKey(c);
    }
  }
  return path.join('.');
}

// Scans build tens of thousands of findings: optional fields are added in place, in the order the
// reports print them, rather than spread from throwaway objects.
function toFinding(rule: RuleMeta, ctx: CheckContext, violation: Violation): RawFinding {
  const pos = ctx.object.locate(violation.path);
  const finding: RawFinding = {
    scanner: 'manifests',
    ruleId: rule.id,
    severity: rule.severity,
    path: pos.path,
    startLine: pos.line,
    endLine: pos.endLine ?? pos.line,
    startColumn: pos.column,
  } as RawFinding;
  if (pos.endColumn !== undefined) finding.endColumn = pos.endColumn;
  finding.message = pos.via ? `${violation.message} (in ${pos.via})` : violation.message;
  finding.fingerprint = fingerprint(rule.id, pos.path, ctx.resource, violation.container ?? '', fieldKey(violation.path, ctx.podSpecs));
  finding.tags = rule.tags;
  finding.resource = ctx.resource;
  if (violation.fixValue !== undefined) {
    const fix = scalarFix(ctx.object, violation.path, violation.fixValue, pos);
    if (fix) finding.fix = fix;
  }
  if (ctx.suppressions.length > 0) {
    const suppressed = annotationSuppression(ctx.suppressions, rule, violation.container);
    if (suppressed) finding.suppressed = suppressed;
  }
  return finding;
}

export function contextOf(object: ManifestObject): CheckContext {
  const podSpecs = findPodSpecs(object.value);
  const suppressions = suppressionAnnotations([object.value.metadata, ...podSpecs.map((p) => p.metadata)]);
  return { object, resource: resourceId(object.value), kind: String(object.value.kind), podSpecs, suppressions };
}

/** Kinds that set-level rules want to see from the rest of the repository. */
export function backgroundKinds(rules: readonly CompiledRule[]): Set<string> {
  return new Set(rules.flatMap((r) => ('backgroundKinds' in r.check ? r.check.backgroundKinds : [])));
}

function skips(check: Pick<CompiledCheck, 'skipRenderedBy'>, ctx: CheckContext): boolean {
  const by = ctx.object.renderedBy;
  return by !== undefined && check.skipRenderedBy !== null && check.skipRenderedBy.has(by);
}

interface ObjectRule {
  meta: RuleMeta;
  skipRenderedBy: CompiledCheck['skipRenderedBy'];
  run(ctx: CheckContext): Violation[];
  gate: CompiledCheck['gate'];
}

// Which per-object rules apply to a kind, worked out once per rule set and kind rather than per object.
const rulesByKind = new WeakMap<readonly CompiledRule[], Map<string, ObjectRule[]>>();

function objectRulesFor(rules: readonly CompiledRule[], kind: string): ObjectRule[] {
  let byKind = rulesByKind.get(rules);
  if (!byKind) {
    byKind = new Map();
    rulesByKind.set(rules, byKind);
  }
  let applicable = byKind.get(kind);
  if (!applicable) {
    applicable = [];
    for (const rule of rules) {
      const check = rule.check;
      if ('run' in check && (!check.kinds || check.kinds.has(kind))) {
        applicable.push({ meta: rule.meta, skipRenderedBy: check.skipRenderedBy, run: check.run, gate: check.gate });
      }
    }
    byKind.set(kind, applicable);
  }
  return applicable;
}

/** Runs the per-object rules on one object. */
export function runObjectRules(ctx: CheckContext, rules: readonly CompiledRule[], findings: RawFinding[]): void {
  let gates: Map<string, boolean> | undefined;
  for (const rule of objectRulesFor(rules, ctx.kind)) {
    if (skips(rule, ctx)) continue;
    if (rule.gate) {
      gates ??= new Map();
      let open = gates.get(rule.gate.id);
      if (open === undefined) {
        open = rule.gate.applies(ctx);
        gates.set(rule.gate.id, open);
      }
      if (!open) continue;
    }
    const violations = rule.run(ctx);
    for (let i = 0; i < violations.length; i++) findings.push(toFinding(rule.meta, ctx, violations[i]!));
  }
}

/** Runs the set-level rules over every object of the scan (plus background context). */
export function runSetRules(contexts: CheckContext[], rules: readonly CompiledRule[], background: readonly ManifestObject[], findings: RawFinding[]): void {
  const all = { objects: contexts, background: background.map(contextOf) };
  for (const rule of rules) {
    if (!('runSet' in rule.check)) continue;
    const check = rule.check;
    const set = check.skipRenderedBy ? { ...all, objects: all.objects.filter((ctx) => !skips(check, ctx)) } : all;
    for (const { ctx, violation } of check.runSet(set)) findings.push(toFinding(rule.meta, ctx, violation));
  }
}
