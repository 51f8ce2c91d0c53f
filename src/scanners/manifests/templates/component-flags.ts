import { z } from 'zod';
import { CONTAINER_GROUPS } from '../podspec.js';
import { unsafeRegexReason } from '../engine/regex.js';
import type { Template, Violation } from '../engine/types.js';
import type { NodePath } from '../types.js';

// Command-line flags of control-plane components run as static Pods (kube-apiserver & co). A container
// belongs to a component when an element of its `command` is the component's binary (bare or as the last
// path segment), as Checkov matches it. Flags are read from the command tokens after that element and
// from `args`: `--flag=value`, `--flag value`, or a bare `--flag` (boolean true). When a flag repeats,
// the last occurrence wins, as the components' flag parser does for scalar flags.

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet'] as const;

const safeRegex = z.string().min(1).superRefine((pattern, ctx) => {
  const reason = unsafeRegexReason(pattern);
  if (reason) ctx.addIssue({ code: 'custom', message: `regex ${reason}` });
  else {
    try {
      new RegExp(pattern);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `invalid regex: ${(e as Error).message}` });
    }
  }
});

const conditionFields = {
  flag: z.string().regex(/^--[A-Za-z0-9][A-Za-z0-9-]*$/),
  equals: z.string().optional(),
  notEquals: z.string().optional(),
  /** Given with a non-empty value (a bare `--flag` or `--flag=` does not count). */
  present: z.literal(true).optional(),
  absent: z.literal(true).optional(),
  /** The comma-separated value contains this item. */
  includes: z.string().optional(),
  /** The comma-separated value does not contain this item. */
  excludes: z.string().optional(),
  /** Numeric value (plain number, or a Go duration counted in seconds) bounds. */
  atLeast: z.number().optional(),
  atMost: z.number().optional(),
  oneOf: z.array(z.string()).min(1).optional(),
  /** Every item of the comma-separated value is one of these. */
  subsetOf: z.array(z.string()).min(1).optional(),
  matches: safeRegex.optional(),
  /** How an absent flag counts; default: pass for absent/notEquals/excludes-only conditions, else fail. */
  missing: z.enum(['pass', 'fail']).optional(),
};
const condition = z.strictObject(conditionFields);
export type FlagCondition = z.infer<typeof condition>;

const params = z
  .strictObject({
    component: z.enum(COMPONENTS),
    containers: z.array(z.enum(CONTAINER_GROUPS)).min(1).default(['containers', 'initContainers']),
    /** Optional message override; placeholders {container} {component} {flag} {value} {expected}. */
    message: z.string().min(1).optional(),
    ...conditionFields,
    flag: conditionFields.flag.optional(),
    allOf: z.array(condition).min(1).optional(),
    anyOf: z.array(condition).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    const forms = [p.flag !== undefined, p.allOf !== undefined, p.anyOf !== undefined].filter(Boolean).length;
    if (forms !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of flag (with its operators), allOf or anyOf' });
  });
type Params = {
  component: (typeof COMPONENTS)[number];
  containers: Array<(typeof CONTAINER_GROUPS)[number]>;
  message?: string;
  allOf?: FlagCondition[];
  anyOf?: FlagCondition[];
} & Partial<FlagCondition>;

export interface FlagValue {
  /** 'true' for a bare flag. */
  value: string;
  /** Given without a value (`--flag` followed by another flag or nothing). */
  bare: boolean;
  path: NodePath;
}

function basename(token: string): string {
  return token.slice(token.lastIndexOf('/') + 1);
}

const COMPONENT_NAMES: ReadonlySet<string> = new Set(COMPONENTS);

function runsAnyComponent(container: Record<string, unknown>): boolean {
  const command = container.command;
  return Array.isArray(command) && command.some((t) => typeof t === 'string' && COMPONENT_NAMES.has(basename(t.trim())));
}

// Dozens of flag rules look at the same containers: which component a container runs, and its flags,
// are read once per container (and component), not once per rule.
// Keyed by the container's value and checked against its path too: a YAML alias can place one value twice.
const flagsCache = new WeakMap<Record<string, unknown>, Map<string, { path: NodePath; flags: Map<string, FlagValue> | null }>>();

/** The flags of a container if it runs `component`, else null. */
export function componentFlags(container: Record<string, unknown>, containerPath: NodePath, component: string): Map<string, FlagValue> | null {
  let byComponent = flagsCache.get(container);
  if (!byComponent) {
    byComponent = new Map();
    flagsCache.set(container, byComponent);
  }
  const known = byComponent.get(component);
  if (known && known.path === containerPath) return known.flags;
  const flags = readComponentFlags(container, containerPath, component);
  byComponent.set(component, { path: containerPath, flags });
  return flags;
}

/** The flags of a container if it runs `component`, else null. */
function readComponentFlags(container: Record<string, unknown>, containerPath: NodePath, component: string): Map<string, FlagValue> | null {
  const command = Array.isArray(container.command) ? container.command : [];
  const start = command.findIndex((t) => typeof t === 'string' && basename(t.trim()) === component);
  if (start < 0) return null;
  const tokens: Array<{ text: string; path: NodePath }> = [];
  command.forEach((t, i) => {
    if (i > start && typeof t === 'string') tokens.push({ text: t.trim(), path: [...containerPath, 'command', i] });
  });
  const args = Array.isArray(container.args) ? container.args : [];
  args.forEach((t, i) => {
    if (typeof t === 'string') tokens.push({ text: t.trim(), path: [...containerPath, 'args', i] });
  });
  const flags = new Map<string, FlagValue>();
  for (let i = 0; i < tokens.length; i++) {
    const { text, path } = tokens[i]!;
    if (!text.startsWith('--') || text.length < 3) continue;
    const eq = text.indexOf('=');
    if (eq >= 0) {
      flags.set(text.slice(0, eq), { value: text.slice(eq + 1), bare: false, path });
      continue;
    }
    const next = tokens[i + 1];
    if (next && !next.text.startsWith('-')) {
      flags.set(text, { value: next.text, bare: false, path });
      i++;
    } else flags.set(text, { value: 'true', bare: true, path });
  }
  return flags;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A plain number, or a Go duration ("1h30m", "5m0s") in seconds. */
export function numericValue(value: string): number | undefined {
  const v = value.trim().replace(/^"|"$/g, '');
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== v) return undefined;
  return parts.reduce((sum, m) => sum + Number(m[1]) * DURATION_UNITS[m[2]!]!, 0);
}

function items(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

function defaultMissing(c: FlagCondition): 'pass' | 'fail' {
  const demanding = c.equals ?? c.present ?? c.includes ?? c.atLeast ?? c.atMost ?? c.oneOf ?? c.subsetOf ?? c.matches;
  return demanding === undefined ? 'pass' : 'fail';
}

/** Whether a condition holds for these flags. */
export function holds(c: FlagCondition, flags: Map<string, FlagValue>): boolean {
  const f = flags.get(c.flag);
  if (!f) return (c.missing ?? defaultMissing(c)) === 'pass';
  const v = f.value;
  const num = numericValue(v);
  if (c.absent) return false;
  // A file or address flag given bare or empty (`--tls-cert-file`, `--x=`) sets nothing.
  if (c.present && (f.bare || v === '')) return false;
  if (c.equals !== undefined && v !== c.equals) return false;
  if (c.notEquals !== undefined && v === c.notEquals) return false;
  if (c.includes !== undefined && !items(v).includes(c.includes)) return false;
  if (c.excludes !== undefined && items(v).includes(c.excludes)) return false;
  if (c.atLeast !== undefined && (num === undefined || num < c.atLeast)) return false;
  if (c.atMost !== undefined && (num === undefined || num > c.atMost)) return false;
  if (c.oneOf !== undefined && !c.oneOf.includes(v)) return false;
  if (c.subsetOf !== undefined && !items(v).every((i) => c.subsetOf!.includes(i))) return false;
  if (c.matches !== undefined && !new RegExp(c.matches).test(v)) return false;
  return true;
}

/** What the condition wants, for messages. */
export function expectation(c: FlagCondition): string {
  const parts: string[] = [];
  if (c.absent) parts.push(`remove ${c.flag}`);
  if (c.present) parts.push(`set ${c.flag}`);
  if (c.equals !== undefined) parts.push(`set ${c.flag}=${c.equals}`);
  if (c.notEquals !== undefined) parts.push(`do not set ${c.flag}=${c.notEquals}`);
  if (c.includes !== undefined) parts.push(`include ${c.includes} in ${c.flag}`);
  if (c.excludes !== undefined) parts.push(`remove ${c.excludes} from ${c.flag}`);
  if (c.atLeast !== undefined) parts.push(`set ${c.flag} to at least ${c.atLeast}`);
  if (c.atMost !== undefined) parts.push(`set ${c.flag} to at most ${c.atMost}`);
  if (c.oneOf !== undefined) parts.push(`set ${c.flag} to one of ${c.oneOf.join(', ')}`);
  if (c.subsetOf !== undefined) parts.push(`use only ${c.subsetOf.join(', ')} in ${c.flag}`);
  if (c.matches !== undefined) parts.push(`set ${c.flag} to a value matching /${c.matches}/`);
  return parts.length > 0 ? parts.join(' and ') : `check ${c.flag}`;
}

// Params are validated once per rule; their condition list is worked out once too.
const conditionsCache = new WeakMap<Params, { mode: 'all' | 'any'; list: FlagCondition[] }>();

function conditionsOf(p: Params): { mode: 'all' | 'any'; list: FlagCondition[] } {
  let conditions = conditionsCache.get(p);
  if (!conditions) {
    conditions = splitConditions(p);
    conditionsCache.set(p, conditions);
  }
  return conditions;
}

function splitConditions(p: Params): { mode: 'all' | 'any'; list: FlagCondition[] } {
  if (p.allOf) return { mode: 'all', list: p.allOf };
  if (p.anyOf) return { mode: 'any', list: p.anyOf };
  const { component: _c, containers: _g, message: _m, allOf: _a, anyOf: _o, ...single } = p;
  return { mode: 'all', list: [single as FlagCondition] };
}

export const componentFlagsTemplate: Template<Params> = {
  id: 'component-flags',
  description: 'Command-line flags of a control-plane component container (kube-apiserver, kubelet, etcd...).',
  params: params as unknown as z.ZodType<Params, unknown>,
  applies: (ctx) => ctx.podSpecs.some((pod) => pod.containers.some((c) => runsAnyComponent(c.value))),
  run(ctx, p) {
    const out: Violation[] = [];
    for (const pod of ctx.podSpecs) {
      for (const c of pod.containers) {
        if (!p.containers.includes(c.group)) continue;
        const flags = componentFlags(c.value, c.path, p.component);
        if (!flags) continue;
        const { mode, list } = conditionsOf(p);
        const failing = list.filter((cond) => !holds(cond, flags));
        const ok = mode === 'all' ? failing.length === 0 : failing.length < list.length;
        if (ok) continue;
        // Report on the first failing condition's flag (or the command when that flag is missing).
        const first = failing[0]!;
        const found = flags.get(first.flag);
        const expected = mode === 'all' ? failing.map(expectation).join('; ') : list.map(expectation).join(', or ');
        const value = found ? found.value : 'unset';
        const message = (p.message ?? '{component} in container "{container}": {flag} is {value}; {expected}.')
          .replaceAll('{component}', p.component)
          .replaceAll('{container}', c.name)
          .replaceAll('{flag}', first.flag)
          .replaceAll('{value}', found ? `"${value}"` : value)
          .replaceAll('{expected}', expected);
        out.push({ path: found ? found.path : [...c.path, 'command'], container: c.name, message });
      }
    }
    return out;
  },
};
