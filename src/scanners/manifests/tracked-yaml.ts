// YAML -> plain values plus the source position of every key and list item. Helm (values files and
// rendered output) and Kustomize (resources and patches) share it, so a field's position survives
// merges and patches: positions live beside the objects in an Origins table, not in the text.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { NodePath, SourcePos } from './types.js';
import { yamlOverBudget } from '../yaml-budget.js';

type Key = string | number;

/** Where each key of an object (or item of an array) was set. Weak, so it follows the objects' lives. */
export class Origins {
  private readonly table = new WeakMap<object, Map<Key, SourcePos>>();

  get(container: object, key: Key): SourcePos | undefined {
    return this.table.get(container)?.get(key);
  }

  set(container: object, key: Key, pos: SourcePos): void {
    let map = this.table.get(container);
    if (!map) this.table.set(container, (map = new Map()));
    map.set(key, pos);
  }

  delete(container: object, key: Key): void {
    this.table.get(container)?.delete(key);
  }

  /** All positions of one container (a copy), for re-keying after list splices. */
  entries(container: object): Map<Key, SourcePos> {
    return new Map(this.table.get(container) ?? []);
  }

  replaceAll(container: object, entries: Map<Key, SourcePos>): void {
    this.table.set(container, entries);
  }

  /** Position of the deepest present key of `path`; `fallback` when even the first is absent. */
  locate(root: unknown, path: NodePath, fallback: SourcePos): SourcePos {
    let best = fallback;
    let current: unknown = root;
    for (const key of path) {
      if (current === null || typeof current !== 'object') break;
      const next = (current as Record<Key, unknown>)[key];
      if (next === undefined) break;
      const pos = this.get(current, key);
      if (pos) best = pos;
      current = next;
    }
    return best;
  }
}

export interface TrackedDoc {
  value: unknown;
  /** Position of the document's first content line. */
  origin: SourcePos;
}

/**
 * Maps a node to the position recorded for a key: by default the key's own place in `path`.
 * Helm passes its own to map rendered offsets back to templates and values files.
 */
export type PositionOf = (keyOffset: number, valueRange: readonly [number, number] | null) => SourcePos;

export interface TrackedParse {
  docs: TrackedDoc[];
  errors: string[];
}

export function linePositions(path: string, text: string): PositionOf {
  const counter = new LineCounter();
  let offset = 0;
  for (const line of text.split('\n')) {
    counter.addNewLine(offset);
    offset += line.length + 1;
  }
  return (keyOffset) => {
    const { line, col } = counter.linePos(keyOffset);
    return { path, line, column: col };
  };
}

/** Parses every document of `text`; empty documents are skipped, syntax errors are returned as text. */
export function parseTrackedYaml(text: string, path: string, origins: Origins, positionOf?: PositionOf): TrackedParse {
  const pos = positionOf ?? linePositions(path, text);
  const docs: TrackedDoc[] = [];
  const errors: string[] = [];
  const overBudget = yamlOverBudget(text);
  if (overBudget) return { docs, errors: [overBudget] };
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' })) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const line = first.linePos?.[0]?.line;
      errors.push(`${line !== undefined ? `line ${line}: ` : ''}${first.message.split('\n')[0]}`);
      continue;
    }
    if (doc.contents === null) continue;
    const value = convert(doc.contents as Node, doc, origins, pos);
    if (value === null || value === undefined) continue;
    const start = (doc.contents as Node).range?.[0] ?? 0;
    docs.push({ value, origin: pos(start, null) });
  }
  return { docs, errors };
}

function convert(node: Node | null, doc: Document, origins: Origins, pos: PositionOf): unknown {
  if (node === null) return null;
  if (isAlias(node)) return node.resolve(doc)?.toJS(doc) ?? null;
  if (isScalar(node)) return node.value;
  if (isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      const child = item as Node | null;
      out.push(convert(child, doc, origins, pos));
      const range = child?.range;
      if (range) origins.set(out, out.length - 1, pos(range[0], child && isScalar(child) ? [range[0], range[1]] : null));
    }
    return out;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const valueNode = pair.value as Node | null;
      if (key === '<<' && valueNode) {
        mergeKey(out, convert(valueNode, doc, origins, pos));
        continue;
      }
      out[key] = convert(valueNode, doc, origins, pos);
      const keyStart = keyNode?.range?.[0] ?? valueNode?.range?.[0] ?? 0;
      const valueRange = valueNode && isScalar(valueNode) && valueNode.range ? valueNode.range : null;
      origins.set(out, key, pos(keyStart, valueRange ? [valueRange[0], valueRange[1]] : null));
    }
    return out;
  }
  return null;
}

function mergeKey(target: Record<string, unknown>, source: unknown): void {
  const sources = Array.isArray(source) ? source : [source];
  for (const item of sources) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const [k, v] of Object.entries(item)) if (!(k in target)) target[k] = v;
  }
}

/** Copies a subtree into fresh objects, carrying positions, so later merges never alias the source. */
export function cloneTracked(value: unknown, origins: Origins): unknown {
  if (Array.isArray(value)) {
    const out = value.map((item) => cloneTracked(item, origins));
    value.forEach((_item, i) => {
      const at = origins.get(value, i);
      if (at) origins.set(out, i, at);
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = cloneTracked(v, origins);
      const at = origins.get(value, k);
      if (at) origins.set(out, k, at);
    }
    return out;
  }
  return value;
}
