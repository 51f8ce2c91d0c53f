// JSON and JSONC (bun.lock) through jsonc-parser's tree: every node keeps its offset, which gives the line of a
// package's key. Strict formats reject what JSON.parse would reject (comments, trailing commas).
import { parseTree, getNodeValue, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineLocator, nestingExceeds, MAX_NESTING } from './text.js';

export type { Node } from 'jsonc-parser';

export interface JsonDoc {
  root: Node;
  /** 1-based line of a node (its key for a property). */
  lineOf(node: Node): number;
}

export function parseJsonDoc(text: string, options: { jsonc?: boolean } = {}): JsonDoc | { error: string } {
  if (nestingExceeds(text)) return { error: `JSON nested deeper than ${MAX_NESTING} levels` };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: options.jsonc ?? false,
    disallowComments: !(options.jsonc ?? false),
  });
  const first = errors[0];
  const locate = lineLocator(text);
  if (first) return { error: `invalid JSON: ${printParseErrorCode(first.error)} at line ${locate(first.offset)}` };
  if (!root) return { error: 'empty file' };
  return { root, lineOf: (node) => locate(node.offset) };
}

/** The value node of `key` in an object node. */
export function child(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    if (prop.children?.[0]?.value === key) return prop.children[1];
  }
  return undefined;
}

/** [key, value node, property node] of every member of an object node, in file order. */
export function entries(node: Node | undefined): Array<[string, Node, Node]> {
  if (node?.type !== 'object') return [];
  const out: Array<[string, Node, Node]> = [];
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value && typeof key.value === 'string') out.push([key.value, value, prop]);
  }
  return out;
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function bool(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

export function plain(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}
