import type { NodePath } from '../types.js';
import { getAt, isJson } from '../podspec.js';

// Field paths in declarative rules: `securityContext.capabilities.add[*]`, `ports[0].hostPort`,
// `metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]`, `$pod.hostNetwork`.
// `*` / `[*]` match every key or item; `$pod`, `$meta`, `$object` jump to the pod spec, the pod
// (template) metadata and the object root; anything else is relative to the rule's scope.

export type Segment = { key: string } | { index: number } | { any: true };
export const ROOTS = ['pod', 'meta', 'object'] as const;
export type RootName = (typeof ROOTS)[number];

export interface FieldPath {
  root: RootName | null;
  segments: Segment[];
  source: string;
  /** No wildcard: the path reaches at most one field, so it can be walked without building paths. */
  literal: boolean;
}

export class PathSyntaxError extends Error {}

export function parseFieldPath(source: string): FieldPath {
  let rest = source.trim();
  let root: RootName | null = null;
  const rootMatch = /^\$([a-z]+)(\.|\[|$)/.exec(rest);
  if (rootMatch) {
    const name = rootMatch[1] as RootName;
    if (!ROOTS.includes(name)) throw new PathSyntaxError(`unknown root $${name} (expected ${ROOTS.map((r) => `$${r}`).join(', ')})`);
    root = name;
    rest = rest.slice(name.length + 1).replace(/^\./, '');
  }
  const segments: Segment[] = [];
  let i = 0;
  while (i < rest.length) {
    const ch = rest[i]!;
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = rest.indexOf(']', i);
      if (close < 0) throw new PathSyntaxError(`unclosed [ in "${source}"`);
      const inner = rest.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ any: true });
      else if (/^\d+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (/^"[^"]*"$/.test(inner) || /^'[^']*'$/.test(inner)) segments.push({ key: inner.slice(1, -1) });
      else throw new PathSyntaxError(`bad [${inner}] in "${source}" (use [*], [0] or ["key"])`);
      i = close + 1;
      continue;
    }
    const match = /^[^.[\]]+/.exec(rest.slice(i));
    if (!match) throw new PathSyntaxError(`unexpected "${ch}" in "${source}"`);
    segments.push(match[0] === '*' ? { any: true } : { key: match[0] });
    i += match[0].length;
  }
  return { root, segments, source, literal: segments.every((s) => !('any' in s)) };
}

export interface Expansion {
  path: NodePath;
  value: unknown;
  present: boolean;
}

/** Every concrete path a field path reaches from `base`; a single absent expansion when it reaches none. */
export function expand(document: unknown, base: NodePath, segments: Segment[]): Expansion[] {
  // Fast path for the common case, no wildcard: walk without building intermediate paths.
  if (segments.every((s) => !('any' in s))) return [expandLiteral(document, base, segments)];
  let frontier: Array<{ path: NodePath; value: unknown }> = [{ path: base, value: getAt(document, base) }];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const next: Array<{ path: NodePath; value: unknown }> = [];
    for (const { path, value } of frontier) {
      if ('any' in segment) {
        if (Array.isArray(value)) value.forEach((item, i) => next.push({ path: [...path, i], value: item }));
        else if (isJson(value)) for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
      } else if ('index' in segment) {
        if (Array.isArray(value) && segment.index < value.length) next.push({ path: [...path, segment.index], value: value[segment.index] });
      } else if (isJson(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) {
        next.push({ path: [...path, segment.key], value: value[segment.key] });
      }
    }
    if (next.length === 0) {
      // Absent: report the literal continuation so `locate` lands on the nearest present ancestor.
      const first = frontier[0]!;
      const literal: Array<string | number> = [...first.path];
      for (const rest of segments.slice(s)) {
        if ('any' in rest) break;
        literal.push('key' in rest ? rest.key : rest.index);
      }
      return [{ path: literal, value: undefined, present: false }];
    }
    frontier = next;
  }
  return frontier.map(({ path, value }) => ({ path, value, present: value !== undefined && value !== null }));
}

function expandLiteral(document: unknown, base: NodePath, segments: Segment[]): Expansion {
  // Present or absent, the path is the literal one: for an absent field it lets `locate` land on the
  // nearest present ancestor.
  const path = base.concat(segments.map((x) => ('key' in x ? x.key : (x as { index: number }).index)));
  const value = valueAlong(getAt(document, base), segments);
  return { path, value, present: value !== undefined && value !== null };
}

/**
 * The values (and their last keys) `expand` would return, without building paths: null when the path
 * reaches nothing, which `expand` reports as one absent expansion.
 */
export function reachedValues(start: unknown, segments: readonly Segment[]): { values: unknown[]; keys: Array<string | number> } | null {
  let values: unknown[] = [start];
  let keys: Array<string | number> = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const nextValues: unknown[] = [];
    const nextKeys: Array<string | number> = [];
    for (const value of values) {
      if ('any' in segment) {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            nextValues.push(value[i]);
            nextKeys.push(i);
          }
        } else if (isJson(value)) {
          for (const key in value) {
            if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
            nextValues.push(value[key]);
            nextKeys.push(key);
          }
        }
      } else if ('index' in segment) {
        if (Array.isArray(value) && segment.index < value.length) {
          nextValues.push(value[segment.index]);
          nextKeys.push(segment.index);
        }
      } else if (isJson(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) {
        nextValues.push(value[segment.key]);
        nextKeys.push(segment.key);
      }
    }
    if (nextValues.length === 0) return null;
    values = nextValues;
    keys = nextKeys;
  }
  return { values, keys };
}

/** The value a wildcard-free path reaches from `node`, or undefined; allocates nothing. */
export function valueAlong(node: unknown, segments: readonly Segment[]): unknown {
  let current = node;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s] as { key: string } | { index: number };
    if ('index' in segment) {
      if (!Array.isArray(current) || segment.index >= current.length) return undefined;
      current = current[segment.index];
    } else {
      if (!isJson(current) || !Object.prototype.hasOwnProperty.call(current, segment.key)) return undefined;
      current = current[segment.key];
    }
  }
  return current;
}
