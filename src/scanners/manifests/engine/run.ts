import { fingerprint } from '../../../fingerprint.js';
import type { RawFinding, RuleMeta } from '../../../model.js';
import { findPodSpecs, type PodSpecRef } from '../podspec.js';
import { resourceId } from '../resource.js';
import { annotationSuppression } from '../suppress.js';
import type { ManifestObject, NodePath } from '../types.js';
import { scalarFix } from './fix.js';
import type { CheckContext, CompiledCheck, Violation } from './types.js';

export interface CompiledRule {
  meta: RuleMeta;
  check: CompiledCheck;
}

/** Field path with container indexes replaced by names, so reordering containers keeps fingerprints. */
function fieldKey(path: NodePath, podSpecs: PodSpecRef[]): string {
  for (const pod of podSpecs) {
    for (const c of pod.containers) {
      if (c.path.every((segment, i) => path[i] === segment)) {
        return [...c.path.slice(0, -1), c.name, ...path.slice(c.path.length)].join('.');
      }
    }
  }
  return path.join('.');
}

function toFinding(rule: RuleMeta, ctx: CheckContext, violation: Violation): RawFinding {
  const pos = ctx.object.locate(violation.path);
  const fix = violation.fixValue !== undefined ? scalarFix(ctx.object, violation.path, violation.fixValue) : undefined;
  const metadatas = [ctx.object.value.metadata, ...ctx.podSpecs.map((p) => p.metadata)];
  const suppressed = annotationSuppression(metadatas, rule, violation.container);
  return {
    scanner: 'manifests',
    ruleId: rule.id,
    severity: rule.severity,
    path: pos.path,
    startLine: pos.line,
    endLine: pos.endLine ?? pos.line,
    startColumn: pos.column,
    ...(pos.endColumn !== undefined ? { endColumn: pos.endColumn } : {}),
    message: violation.message,
    fingerprint: fingerprint(rule.id, pos.path, ctx.resource, violation.container ?? '', fieldKey(violation.path, ctx.podSpecs)),
    tags: rule.tags,
    resource: ctx.resource,
    ...(fix ? { fix } : {}),
    ...(suppressed ? { suppressed } : {}),
  };
}

export function checkObject(object: ManifestObject, rules: readonly CompiledRule[]): RawFinding[] {
  const kind = String(object.value.kind);
  const ctx: CheckContext = { object, resource: resourceId(object.value), kind, podSpecs: findPodSpecs(object.value) };
  const findings: RawFinding[] = [];
  for (const rule of rules) {
    if (rule.check.kinds && !rule.check.kinds.has(kind)) continue;
    for (const violation of rule.check.run(ctx)) findings.push(toFinding(rule.meta, ctx, violation));
  }
  return findings;
}
