import { z } from 'zod';
import type { NodePath } from '../types.js';
import { CONTAINER_GROUPS, getAt } from '../podspec.js';
import { evaluate, exprSchema, type EvalContext } from './expr.js';
import { compileMatcher, type Matcher } from './matcher.js';
import { parseFieldPath, expand, type FieldPath, type Segment } from './path.js';
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

/** What a check needs at run time, worked out once when the rule is compiled. */
interface PreparedCheck {
  check: DeclarativeCheck;
  message: ReturnType<typeof compileMessage>;
  /** Rules sharing a scope and container selection share their instances. */
  instanceKey: string;
  each: Segment[] | null;
  report: FieldPath | null;
  when: Matcher | null;
  condition: Matcher;
}

function evalContext(document: unknown, scope: NodePath, pod: NodePath | null, meta: NodePath | null, scopeValue?: { value: unknown }): EvalContext {
  return {
    document,
    scope,
    pod,
    meta,
    values: {
      scope: scopeValue ? scopeValue.value : getAt(document, scope),
      pod: pod === null ? undefined : getAt(document, pod),
      meta: meta === null ? undefined : getAt(document, meta),
    },
  };
}

// Many rules share a scope: each object's instances are computed once per scope and container selection.
// The engine runs every rule on one object before the next, so remembering the last object is enough.
let cachedContext: CheckContext | null = null;
let cachedInstances = new Map<string, ScopeInstance[]>();

function baseInstances(prepared: PreparedCheck, ctx: CheckContext): ScopeInstance[] {
  if (cachedContext !== ctx) {
    cachedContext = ctx;
    cachedInstances = new Map();
  }
  let instances = cachedInstances.get(prepared.instanceKey);
  if (!instances) {
    instances = computeInstances(prepared.check, ctx);
    cachedInstances.set(prepared.instanceKey, instances);
  }
  return instances;
}

function scopeInstances(prepared: PreparedCheck, ctx: CheckContext): ScopeInstance[] {
  const instances = baseInstances(prepared, ctx);
  if (prepared.each === null) return instances;
  const each = prepared.each;
  return instances.flatMap((instance) =>
    expand(ctx.object.value, instance.eval.scope, each)
      .filter((x) => x.present)
      .map((x) => ({ ...instance, eval: { ...instance.eval, scope: x.path, values: { ...instance.eval.values, scope: x.value } } })),
  );
}

function computeInstances(check: DeclarativeCheck, ctx: CheckContext): ScopeInstance[] {
  const document = ctx.object.value;
  if (check.scope === 'object') {
    const pod = ctx.podSpecs[0];
    return [{ eval: evalContext(document, [], pod?.path ?? null, pod?.metadataPath ?? ['metadata'], { value: document }) }];
  }
  const out: ScopeInstance[] = [];
  for (const pod of ctx.podSpecs) {
    const at = (scope: NodePath) => evalContext(document, scope, pod.path, pod.metadataPath);
    if (check.scope === 'podSpec') out.push({ eval: at(pod.path) });
    if (check.scope === 'securityContext') out.push({ eval: at([...pod.path, 'securityContext']) });
    if (check.scope === 'volume' && Array.isArray(pod.spec.volumes)) {
      pod.spec.volumes.forEach((_, i) => out.push({ eval: at([...pod.path, 'volumes', i]) }));
    }
    if (check.scope === 'container' || check.scope === 'securityContext') {
      for (const c of pod.containers) {
        if (!check.containers.includes(c.group)) continue;
        const scope = check.scope === 'container' ? c.path : [...c.path, 'securityContext'];
        out.push({ eval: at(scope), container: c.name });
      }
    }
  }
  return out;
}

type Placeholder = 'container' | 'value' | 'field' | 'kind' | 'name';

/**
 * A message template split once into text and placeholders, so each violation costs a concatenation
 * and only the placeholders the message uses are worked out (`{value}` means reading the field).
 */
function compileMessage(template: string): (get: (key: Placeholder) => string) => string {
  const parts: Array<string | Placeholder> = template.split(/\{(container|value|field|kind|name)\}/);
  // split with a capture group alternates text (even indexes) and placeholder names (odd indexes).
  return (get) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i]! : get(parts[i] as Placeholder);
    return out;
  };
}

function valueAt(document: unknown, path: NodePath): string {
  const [x] = expand(document, path, []);
  const v = x?.value;
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Validated check -> the function the engine runs on each object. */
export function compileDeclarative(check: DeclarativeCheck): (ctx: CheckContext) => Violation[] {
  const prepared: PreparedCheck = {
    check,
    message: compileMessage(check.message),
    instanceKey: `${check.scope}:${check.containers.join(',')}`,
    each: check.each === undefined ? null : parseFieldPath(check.each).segments,
    report: check.report === undefined ? null : parseFieldPath(check.report),
    when: check.when ? compileMatcher(check.when) : null,
    condition: compileMatcher(check.violation ?? check.require!),
  };
  return (ctx) => runPrepared(prepared, ctx);
}

function runPrepared(prepared: PreparedCheck, ctx: CheckContext): Violation[] {
  const { check, report, when, condition } = prepared;
  let violations: Violation[] | undefined;
  for (const instance of scopeInstances(prepared, ctx)) {
    if (when && !when(instance.eval)) continue;
    const bad = check.violation ? condition(instance.eval) : !condition(instance.eval);
    if (!bad) continue;
    // Only now work out where: the paths that explain the result.
    const result = evaluate(check.violation ?? check.require!, instance.eval);
    let places: NodePath[] = result.at.length > 0 ? result.at : [instance.eval.scope];
    if (report) {
      const base = report.root === 'object' ? [] : report.root === 'pod' ? instance.eval.pod : report.root === 'meta' ? instance.eval.meta : instance.eval.scope;
      places = [expand(ctx.object.value, base ?? [], report.segments)[0]!.path];
    }
    if (!check.perField) places = places.slice(0, 1);
    for (const path of places) {
      const message = prepared.message((key) => {
        switch (key) {
          case 'container':
            return instance.container ?? '';
          case 'value':
            return valueAt(ctx.object.value, path);
          case 'field':
            return path.slice(instance.eval.scope.length).join('.');
          case 'kind':
            return ctx.kind;
          case 'name':
            return ctx.resource.split('/').slice(2).join('/');
        }
      });
      const violation: Violation = { path, message };
      if (instance.container !== undefined) violation.container = instance.container;
      if (check.fix) violation.fixValue = check.fix.value;
      (violations ??= []).push(violation);
    }
  }
  return violations ?? [];
}
