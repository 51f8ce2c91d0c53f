import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { NodePath, SourcePos } from '../types.js';

/**
 * Finds where a field lives in a parsed YAML document. A present field resolves to its key (a
 * sequence item to the item itself); an absent one to its nearest present ancestor, so findings
 * about a missing field point at the parent that should hold it. Aliases are followed to the
 * anchored node, because that is where the value is written.
 */
export interface DocumentLocator {
  locate(path: NodePath): SourcePos;
  span(path: NodePath): { start: SourcePos; end: SourcePos };
}

interface Step {
  /** Offset of the key (maps) or item (sequences) for this step. */
  offset: number;
  node: Node | null;
}

/** Whether a map key is the path segment `wanted` (keys are nearly always plain string scalars). */
function keyIs(key: unknown, wanted: string): boolean {
  if (isScalar(key)) return typeof key.value === 'string' ? key.value === wanted : String(key.value) === wanted;
  return (typeof key === 'string' || typeof key === 'number') && String(key) === wanted;
}

export function documentLocator(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  /** Prefix prepended to every path (e.g. ['items', 3] for an object inside a List). */
  prefix: NodePath = [],
): DocumentLocator {
  const toPos = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { path: file, line, column: col };
  };

  const resolve = (node: Node | null): Node | null => {
    let current = node;
    // Bounded: an alias chain cannot be longer than the number of anchors, and yaml forbids cycles here.
    for (let i = 0; i < 64 && current && isAlias(current); i++) current = (current.resolve(doc) as Node | undefined) ?? null;
    return current;
  };

  // Findings locate tens of thousands of paths per scan, and one object's findings mostly share the
  // start of their paths (the same container, the same securityContext). The walk remembers the steps
  // of the previous one and resumes from the deepest step both share.
  const reached: Array<string | number> = [];
  const nodes: Array<Node | null> = [];
  const offsets: number[] = [];

  const walk = (path: NodePath): Step => {
    if (nodes.length === 0) {
      const root = resolve((doc.contents as Node | null) ?? null);
      nodes.push(root);
      offsets.push(root?.range?.[0] ?? 0);
    }
    const total = prefix.length + path.length;
    let depth = 0;
    while (depth < reached.length && depth < total && reached[depth] === (depth < prefix.length ? prefix[depth] : path[depth - prefix.length])) depth++;
    reached.length = depth;
    nodes.length = depth + 1;
    offsets.length = depth + 1;
    let node: Node | null = nodes[depth] ?? null;
    let offset = offsets[depth]!;
    for (let i = depth; i < total; i++) {
      const segment = i < prefix.length ? prefix[i]! : path[i - prefix.length]!;
      if (node && isMap(node)) {
        // Last pair wins, as in the parsed value, when a key is (leniently) duplicated.
        const wanted = String(segment);
        const items = node.items;
        let pair: (typeof items)[number] | undefined;
        for (let j = items.length - 1; j >= 0; j--) {
          if (keyIs(items[j]!.key, wanted)) {
            pair = items[j];
            break;
          }
        }
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        offset = keyNode?.range?.[0] ?? offset;
        node = resolve((pair.value as Node | null) ?? null);
      } else if (node && isSeq(node) && typeof segment === 'number') {
        const raw = (node.items[segment] as Node | undefined) ?? null;
        const item = resolve(raw);
        if (!item) break;
        offset = raw!.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
      reached.push(segment);
      nodes.push(node);
      offsets.push(offset);
    }
    return { offset, node };
  };

  return {
    locate(path) {
      return toPos(walk(path).offset);
    },
    span(path) {
      const last = walk(path);
      const start = toPos(last.offset);
      const endOffset = last.node?.range?.[1] ?? last.offset;
      const end = toPos(Math.max(last.offset, endOffset));
      return { start, end };
    },
  };
}
