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

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
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

  const walk = (path: NodePath): { steps: Step[]; complete: boolean } => {
    const root = resolve((doc.contents as Node | null) ?? null);
    const steps: Step[] = [{ offset: root?.range?.[0] ?? 0, node: root }];
    let node = root;
    for (const segment of [...prefix, ...path]) {
      if (node && isMap(node)) {
        // Last pair wins, as in the parsed value, when a key is (leniently) duplicated.
        const wanted = String(segment);
        let pair: (typeof node.items)[number] | undefined;
        for (let i = node.items.length - 1; i >= 0 && !pair; i--) if (keyText(node.items[i]!.key) === wanted) pair = node.items[i];
        if (!pair) return { steps, complete: false };
        const keyNode = pair.key as Node | null;
        const value = resolve((pair.value as Node | null) ?? null);
        steps.push({ offset: keyNode?.range?.[0] ?? steps[steps.length - 1]!.offset, node: value });
        node = value;
      } else if (node && isSeq(node) && typeof segment === 'number') {
        const item = resolve((node.items[segment] as Node | undefined) ?? null);
        if (!item) return { steps, complete: false };
        const raw = node.items[segment] as Node;
        steps.push({ offset: raw.range?.[0] ?? steps[steps.length - 1]!.offset, node: item });
        node = item;
      } else {
        return { steps, complete: false };
      }
    }
    return { steps, complete: true };
  };

  return {
    locate(path) {
      const { steps } = walk(path);
      return toPos(steps[steps.length - 1]!.offset);
    },
    span(path) {
      const { steps } = walk(path);
      const last = steps[steps.length - 1]!;
      const start = toPos(last.offset);
      const endOffset = last.node?.range?.[1] ?? last.offset;
      const end = toPos(Math.max(last.offset, endOffset));
      return { start, end };
    },
  };
}
