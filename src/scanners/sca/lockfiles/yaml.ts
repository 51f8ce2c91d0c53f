// YAML lockfiles (pnpm, yarn berry, pubspec) through the `yaml` package's document API, which keeps node
// ranges: the line of a package is the line of its key.
import { isMap, isScalar, parseDocument, LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { nestingExceeds, MAX_NESTING, reasonOf } from './text.js';
import { yamlOverBudget } from '../../yaml-budget.js';

export interface YamlDoc {
  root: YAMLMap;
  lineOf(node: Node | null | undefined): number;
}

export function parseYamlDoc(text: string): YamlDoc | { error: string } {
  if (nestingExceeds(text)) return { error: `YAML nested deeper than ${MAX_NESTING} levels` };
  const overBudget = yamlOverBudget(text);
  if (overBudget) return { error: overBudget };
  const lineCounter = new LineCounter();
  try {
    // We walk the node tree and never call toJS(), so aliases are never expanded ("billion laughs" is inert):
    // an alias where a mapping or scalar is expected simply reads as absent.
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    const first = doc.errors[0];
    if (first) return { error: `invalid YAML: ${first.message.split('\n')[0] ?? ''}` };
    if (!isMap(doc.contents)) return { error: 'top level is not a YAML mapping' };
    return {
      root: doc.contents,
      lineOf: (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 0),
    };
  } catch (err) {
    return { error: `invalid YAML: ${reasonOf(err)}` };
  }
}

/** The pairs of a mapping node whose keys are scalars, as [key text, pair]. */
export function pairs(node: unknown): Array<[string, Pair<Node, Node | null>]> {
  if (!isMap(node)) return [];
  const out: Array<[string, Pair<Node, Node | null>]> = [];
  for (const pair of node.items as Array<Pair<Node, Node | null>>) {
    if (isScalar(pair.key)) out.push([String(pair.key.value), pair]);
  }
  return out;
}

export function get(node: unknown, key: string): Node | null | undefined {
  for (const [k, pair] of pairs(node)) if (k === key) return pair.value;
  return undefined;
}

/** A scalar's value as text (YAML may type `1.10` as a number: keep what was written). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? (node.value === null ? undefined : String(node.value));
}
