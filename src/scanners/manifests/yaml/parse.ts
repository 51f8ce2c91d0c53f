import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ScanError } from '../../../model.js';
import { yamlOverBudget } from '../../yaml-budget.js';
import type { ManifestObject, NodePath } from '../types.js';
import { documentLocator, type DocumentLocator } from './locate.js';
import { documentValue } from './to-plain.js';

/** Aliases expanded per document before we call it a "billion laughs" and stop. */
const MAX_ALIAS_COUNT = 1000;

/** A parsed object that can drop its syntax tree once checked; `locate` then re-parses on demand. */
export interface ParsedObject extends ManifestObject {
  release(): void;
}

export interface ParsedManifests {
  objects: ParsedObject[];
  errors: ScanError[];
}

/** Cheap test: does this text look like it is meant to hold Kubernetes objects? */
export function looksLikeManifest(content: string): boolean {
  return /^\s*["']?apiVersion["']?\s*:/m.test(content) && /^\s*["']?kind["']?\s*:/m.test(content);
}

/**
 * Whether the text is worth parsing, decided without parsing it. Every Kubernetes object has the keys
 * `apiVersion` and `kind`, and YAML or JSON can write a key without its letters in a row only through
 * an escape in a double-quoted scalar, so text with neither a backslash nor both words holds no object.
 * Text with an anchor (`&`) is parsed all the same, so that an alias bomb is named as an error rather
 * than passed over. Lockfiles, CI workflows and app configs are most of the YAML and JSON in a PR.
 */
export function mayHoldObjects(content: string): boolean {
  return content.includes('\\') || content.includes('&') || (content.includes('apiVersion') && content.includes('kind'));
}

/**
 * JSON that parses and is not a Kubernetes object (an API spec, a package manifest) is passed over
 * before the YAML parser, which would spend tens of times the time and memory on it to find nothing.
 * JSON is YAML, so when it parses the value is the one YAML would give; when it does not, YAML decides.
 */
function isJsonWithoutObject(content: string): boolean {
  const first = /\S/.exec(content)?.[0];
  if (first !== '{' && first !== '[') return false;
  try {
    return !isKubernetesObject(JSON.parse(content));
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKubernetesObject(value: unknown): value is Record<string, unknown> & { kind: string } {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

function firstError(doc: Document): string {
  const error = doc.errors[0];
  if (!error) return 'invalid YAML';
  const line = error.linePos?.[0]?.line;
  const message = error.message.split('\n')[0] ?? error.message;
  return line ? `invalid YAML at line ${line}: ${message}` : `invalid YAML: ${message}`;
}

interface Located {
  path: string;
  sourceLine: (file: string, line: number) => string | undefined;
  reparse: () => Document;
  lineCounter: () => LineCounter;
}

function locatedAt(
  path: string,
  sourceLine: Located['sourceLine'],
  reparse: () => { docs: Document[]; lineCounter: LineCounter },
  docIndex: number,
): Located {
  return { path, sourceLine, reparse: () => reparse().docs[docIndex]!, lineCounter: () => reparse().lineCounter };
}

/**
 * Kept out of parseManifests' scope on purpose: the closures made here must not capture the other
 * documents of the file, or releasing one object's tree would free nothing.
 */
function makeObject(
  value: Record<string, unknown>,
  prefix: NodePath,
  located: Located,
  tree: { doc: Document; lineCounter: LineCounter },
): ParsedObject {
  let locator: DocumentLocator | null = documentLocator(tree.doc, tree.lineCounter, located.path, prefix);
  const current = (): DocumentLocator => {
    locator ??= documentLocator(located.reparse(), located.lineCounter(), located.path, prefix);
    return locator;
  };
  return {
    value,
    path: located.path,
    origin: locator.locate([]),
    locate: (p) => current().locate(p),
    span: (p) => current().span(p),
    sourceLine: located.sourceLine,
    release: () => {
      locator = null;
    },
  };
}

// The two closures below outlive the parse (set-level rules keep object summaries that hold them), so
// they are made here and capture only the text: made inside parseManifests they would share its scope
// and keep every object of the file, whole, until the end of the scan (measured on the 2,000-file
// corpus: 9 MB more promoted to the old generation per scan, and a sixth more time in scavenges).

function sourceLineReader(path: string, content: string): Located['sourceLine'] {
  let lines: string[] | undefined;
  return (file, line) => {
    if (file !== path) return undefined;
    lines ??= content.split(/\r?\n/);
    return lines[line - 1];
  };
}

/**
 * Holding every syntax tree of a large scan costs more in garbage collection than parsing itself, so
 * objects let go of theirs after checking and re-parse the file if a late rule still needs a position.
 */
function reparser(content: string): () => { docs: Document[]; lineCounter: LineCounter } {
  let reparsed: { docs: Document[]; lineCounter: LineCounter } | undefined;
  return () => {
    if (!reparsed) {
      const counter = new LineCounter();
      reparsed = { docs: parseAllDocuments(content, { lineCounter: counter, uniqueKeys: false, logLevel: 'error' }) as Document[], lineCounter: counter };
    }
    return reparsed;
  };
}

/**
 * YAML or JSON text -> Kubernetes objects with source positions. Documents that are not Kubernetes
 * objects (no apiVersion/kind) are skipped quietly; `List` kinds are expanded into their items.
 * A broken document in a file that looks like a manifest becomes an error entry; the others still count.
 */
export function parseManifests(path: string, rawContent: string): ParsedManifests {
  const content = rawContent.startsWith('\uFEFF') ? rawContent.slice(1) : rawContent;
  const objects: ParsedObject[] = [];
  const errors: ScanError[] = [];
  const overBudget = yamlOverBudget(content);
  if (overBudget) return { objects, errors: [{ path, reason: overBudget, scanner: 'manifests' }] };
  if (!mayHoldObjects(content) || isJsonWithoutObject(content)) return { objects, errors };
  const lineCounter = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(content, { lineCounter, uniqueKeys: false, prettyErrors: true, logLevel: 'error' }) as Document[];
  } catch (e) {
    if (looksLikeManifest(content)) errors.push({ path, reason: `invalid YAML: ${(e as Error).message}`, scanner: 'manifests' });
    return { objects, errors };
  }
  if (!Array.isArray(docs)) docs = [docs];
  const sourceLine = sourceLineReader(path, content);
  const reparse = reparser(content);

  docs.forEach((doc, docIndex) => {
    if (doc.errors.length > 0) {
      if (looksLikeManifest(content)) errors.push({ path, reason: firstError(doc), scanner: 'manifests' });
      return;
    }
    let value: unknown;
    try {
      value = documentValue(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ path, reason: `YAML could not be expanded: ${(e as Error).message}`, scanner: 'manifests' });
      return;
    }
    if (!isKubernetesObject(value)) return;
    const located = locatedAt(path, sourceLine, reparse, docIndex);
    if (String(value.kind).endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item)) objects.push(makeObject(item, ['items', index], located, { doc, lineCounter }));
      });
    } else {
      objects.push(makeObject(value, [], located, { doc, lineCounter }));
    }
  });
  return { objects, errors };
}
