// Kustomize field paths, as replacements and vars write them: dot-separated keys, `[name=value]` to
// pick a list item by a field, a number for a list index, `*` for every item, `\.` for a dot inside a
// key (e.g. an annotation name), and the legacy `ports[0]` form of vars.
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { isObj, type Obj } from './resource.js';

export type Segment = { key: string } | { match: [string, string] } | { index: number } | { all: true };

export function parseFieldPath(source: string): Segment[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && source[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '[') {
      // `ports[0]` (vars) starts a new segment at the bracket
      if (depth === 0 && current !== '') {
        parts.push(current);
        current = '';
      }
      depth++;
      current += c;
    } else if (c === ']') {
      depth = Math.max(0, depth - 1);
      current += c;
    } else if (c === '.' && depth === 0) {
      if (current !== '') parts.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') parts.push(current);
  return parts.map((part): Segment => {
    const bracket = /^\[(.*)\]$/.exec(part);
    const inner = bracket ? bracket[1]! : part;
    const eq = bracket ? inner.indexOf('=') : -1;
    if (eq > 0) return { match: [inner.slice(0, eq), inner.slice(eq + 1)] };
    if (inner === '*') return { all: true };
    if (/^\d+$/.test(inner)) return { index: Number(inner) };
    return { key: inner };
  });
}

/** One place a path reaches: the container holding the last key, and the key. */
export interface Slot {
  container: Obj | unknown[];
  key: string | number;
}

function step(node: unknown, seg: Segment, create: boolean): Slot[] {
  if (Array.isArray(node)) {
    if ('index' in seg) return seg.index < node.length ? [{ container: node, key: seg.index }] : [];
    if ('all' in seg) return node.map((_v, i) => ({ container: node, key: i }));
    if ('match' in seg) {
      const [field, value] = seg.match;
      return node.flatMap((item, i) => (isObj(item) && String(item[field]) === value ? [{ container: node, key: i }] : []));
    }
    return [];
  }
  if (!isObj(node)) return [];
  if ('key' in seg) {
    if (!(seg.key in node) && !create) return [];
    return [{ container: node, key: seg.key }];
  }
  if ('index' in seg) {
    const key = String(seg.index);
    return key in node ? [{ container: node, key }] : [];
  }
  if ('all' in seg) return Object.keys(node).map((key) => ({ container: node, key }));
  return [];
}

/**
 * Every slot the path reaches in `root`. With `create`, missing map keys on the way are added as
 * empty maps positioned at `at` (list items are never invented).
 */
export function resolveSlots(root: Obj, segments: Segment[], options: { create: boolean; origins: Origins; at: SourcePos }): Slot[] {
  let frontier: unknown[] = [root];
  let slots: Slot[] = [];
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    slots = frontier.flatMap((node) => step(node, seg, options.create));
    if (last) return;
    frontier = slots.map((slot) => {
      const container = slot.container as Record<string | number, unknown>;
      if (container[slot.key] === undefined && options.create && isObj(slot.container)) {
        container[slot.key] = {};
        options.origins.set(slot.container, slot.key, options.at);
      }
      return container[slot.key];
    });
  });
  return slots;
}

export function readSlot(slot: Slot): unknown {
  return (slot.container as Record<string | number, unknown>)[slot.key];
}
