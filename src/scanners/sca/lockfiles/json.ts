// JSON and JSONC (bun.lock) through jsonc-parser's tree: every node keeps its offset, which gives the line of a
// package's key. Strict formats reject what JSON.parse would reject (comments, trailing commas).
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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

/** parseJsonDoc, plus the check every lockfile needs: the top level is an object. */
export function parseJsonObject(text: string, label: string, options: { jsonc?: boolean } = {}): JsonDoc | { error: string } {
  const doc = parseJsonDoc(text, options);
  if ('error' in doc) return doc;
  return doc.root.type === 'object' ? doc : { error: `${label}: top level is not an object` };
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

function keysMatch(keys: Array<string | undefined>, path: readonly string[]): boolean {
  for (let d = 0; d < path.length; d++) if (keys[d + 1] !== path[d]) return false;
  return true;
}

export interface KeyLines {
  /** 1-based lines of each key of the object at the path (several when the key repeats); undefined if absent. */
  lines: Map<string, number[]> | undefined;
  /** Nesting passed `maxDepth`: the scan stopped, and the text must not reach a parser. */
  tooDeep: boolean;
}

/**
 * Lines of the keys of the object found at `path` (a chain of keys from the top-level object), in one pass that
 * tracks only strings, brackets and newlines: about as fast as JSON.parse, where the jsonc-parser tree is ~10x
 * slower. For big, well-formed files (package-lock.json) whose values come from JSON.parse. It doubles as the
 * nesting guard: JSON strings hold no raw newlines or brackets that count.
 */
export function keyLinesAt(text: string, path: readonly string[], maxDepth = MAX_NESTING): KeyLines {
  const keys: Array<string | undefined> = [];
  let lastKey: string | undefined;
  let lines: Map<string, number[]> | undefined;
  let targetDepth = -1;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) line++;
    else if (c === 34 /* " */) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end === -1) return { lines, tooDeep: false };
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++;
        if (slashes % 2 === 0) break;
        end++;
      }
      const keyLine = line;
      let next = end + 1;
      let n = text.charCodeAt(next);
      // JSON whitespace: space, tab, LF, CR.
      while (n === 32 || n === 9 || n === 10 || n === 13) {
        if (n === 10) line++;
        n = text.charCodeAt(++next);
      }
      if (n === 58 /* : */) {
        const raw = text.slice(i, end + 1);
        lastKey = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (targetDepth === keys.length) {
          lines ??= new Map();
          const list = lines.get(lastKey);
          if (list) list.push(keyLine);
          else lines.set(lastKey, [keyLine]);
        }
      }
      // Newlines met while skipping whitespace are already counted: resume just before the next token.
      i = next - 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      keys.push(c === 123 ? lastKey : undefined);
      if (keys.length > maxDepth) return { lines: undefined, tooDeep: true };
      lastKey = undefined;
      if (c === 123 && keys.length === path.length + 1 && keysMatch(keys, path)) {
        targetDepth = keys.length;
        lines ??= new Map();
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (keys.length === targetDepth) targetDepth = -1;
      keys.pop();
    } else if (c === 44 /* , */) lastKey = undefined;
  }
  return { lines, tooDeep: false };
}
