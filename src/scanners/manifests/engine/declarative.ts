import { z } from 'zod';
import type { NodePath } from '../types.js';
import { CONTAINER_GROUPS } from '../podspec.js';
import { evaluate, exprSchema, type EvalContext } from './expr.js';
import { parseFieldPath, expand } from './path.js';
import type { CheckContext, Violation } from './types.js';

// A declarative check: for every instance of `scope` in an object of one of `kinds`, when `when`
// holds, `violation` holding (or `require` failing) is a finding, placed at `report` or at the first
// field the condition names.

export const SCOPES = ['object', 'podSpec', 'container', 'securityContext', 'volume'] as const;
/**
 * Builders whose output a rule does not apply to. A Helm chart's objects, for instance, get their
 * namespace from `helm install --namespace` at install time, so "no namespace" in the rendered output
 * says nothing about where they will run.
 */
export const skipRenderedBySchema = z.array(z.enum(['helm', 'kustomize'])).min(1).optional();
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const declarativeSchema = z
  .strictObject({
    kinds: z.array(z.string().min(1)).min(1).optional(),
    skipRenderedBy: skipRenderedBySchema,
    /** object (default), podSpec, container (each container), securityContext (pod's and each container's), volume. */
    scope: z.enum(SCOPES).default('object'),
    /** Container groups visited by the container/securityContext scopes. */
    containers: z.array(z.enum(CONTAINER_GROUPS)).min(1).default([...CONTAINER_GROUPS]),
    /** Narrows each scope instance to every element a path reaches (e.g. `env[*]`, `subjects[*]`). */
    each: z.string().optional(),
    when: exprSchema.optional(),
    violation: exprSchema.optional(),
    require: exprSchema.optional(),
    /** Field (scope-relative or $root) to report at; default the first field the condition names. */
    report: z.string().optional(),
    /** One finding per offending field instead of one per scope instance. */
    perField: z.boolean().default(false),
    /** Placeholders: {container} {value} {field} {kind} {name}. */
    message: z.string().min(1),
    fix: z.strictObject({ value: scalar }).optional(),
  })
  .refine((c) => (c.violation ? 1 : 0) + (c.require ? 1 : 0) === 1, { message: 'exactly one of violation or require' })
  .refine((c) => c.report === undefined || safeParsePath(c.report), { message: 'report is not a valid field path', path: ['report'] })
  .refine((c) => c.each === undefined || (safeParsePath(c.each) && parseFieldPath(c.each).root === null), {
    message: 'each must be a scope-relative field path',
    path: ['each'],
  });
export type DeclarativeCheck = z.infer<typeof declarativeSchema>;

function safeParsePath(source: string): boolean {
  try {
    parseFieldPath(source);
    return true;
  } catch {
    return false;
  }
}

interface ScopeInstance {
  eval: EvalContext;
  container?: string;
}

function scopeInstances(check: DeclarativeCheck, ctx: CheckContext): ScopeInstance[] {
  const instances = baseInstances(check, ctx);
  if (check.each === undefined) return instances;
  const segments = parseFieldPath(check.each).segments;
  return instances.flatMap((instance) =>
    expand(ctx.object.value, instance.eval.scope, segments)
      .filter((x) => x.present)
      .map((x) => ({ ...instance, eval: { ...instance.eval, scope: x.path } })),
  );
}

// Many rules share a scope; compute each object's instances once per scope and container selection.
const instanceCache = new WeakMap<CheckContext, Map<string, ScopeInstance[]>>();

function baseInstances(check: DeclarativeCheck, ctx: CheckContext): ScopeInstance[] {
  let byScope = instanceCache.get(ctx);
  if (!byScope) {
    byScope = new Map();
    instanceCache.set(ctx, byScope);
  }
  const key = `${check.scope}:${check.containers.join(',')}`;
  let instances = byScope.get(key);
  if (!instances) {
    instances = computeInstances(check, ctx);
    byScope.set(key, instances);
  }
  return instances;
}

function computeInstances(check: DeclarativeCheck, ctx: CheckContext): ScopeInstance[] {
  const document = ctx.object.value;
  if (check.scope === 'object') {
    const pod = ctx.podSpecs[0];
    return [{ eval: { document, scope: [], pod: pod?.path ?? null, meta: pod?.metadataPath ?? ['metadata'] } }];
  }
  const out: ScopeInstance[] = [];
  for (const pod of ctx.podSpecs) {
    const base = { document, pod: pod.path, meta: pod.metadataPath };
    if (check.scope === 'podSpec') out.push({ eval: { ...base, scope: pod.path } });
    if (check.scope === 'securityContext') out.push({ eval: { ...base, scope: [...pod.path, 'securityContext'] } });
    if (check.scope === 'volume' && Array.isArray(pod.spec.volumes)) {
      pod.spec.volumes.forEach((_, i) => out.push({ eval: { ...base, scope: [...pod.path, 'volumes', i] } }));
    }
    if (check.scope === 'container' || check.scope === 'securityContext') {
      for (const c of pod.containers) {
        if (!check.containers.includes(c.group)) continue;
        const scope = check.scope === 'container' ? c.path : [...c.path, 'securityContext'];
        out.push({ eval: { ...base, scope }, container: c.name });
      }
    }
  }
  return out;
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{(container|value|field|kind|name)\}/g, (_, key: string) => values[key] ?? '');
}

function valueAt(document: unknown, path: NodePath): string {
  const [x] = expand(document, path, []);
  const v = x?.value;
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function runDeclarative(check: DeclarativeCheck, ctx: CheckContext): Violation[] {
  const violations: Violation[] = [];
  const name = ctx.resource.split('/').slice(2).join('/');
  for (const instance of scopeInstances(check, ctx)) {
    if (check.when && !evaluate(check.when, instance.eval).matched) continue;
    const result = check.violation ? evaluate(check.violation, instance.eval) : evaluate(check.require!, instance.eval);
    const bad = check.violation ? result.matched : !result.matched;
    if (!bad) continue;
    let places: NodePath[] = result.at.length > 0 ? result.at : [instance.eval.scope];
    if (check.report) {
      const report = parseFieldPath(check.report);
      const base = report.root === 'object' ? [] : report.root === 'pod' ? instance.eval.pod : report.root === 'meta' ? instance.eval.meta : instance.eval.scope;
      places = [expand(ctx.object.value, base ?? [], report.segments)[0]!.path];
    }
    if (!check.perField) places = places.slice(0, 1);
    for (const path of places) {
      const field = path.slice(instance.eval.scope.length).join('.');
      violations.push({
        path,
        message: render(check.message, {
          container: instance.container ?? '',
          value: valueAt(ctx.object.value, path),
          field,
          kind: ctx.kind,
          name,
        }),
        ...(instance.container !== undefined ? { container: instance.container } : {}),
        ...(check.fix ? { fixValue: check.fix.value } : {}),
      });
    }
  }
  return violations;
}
