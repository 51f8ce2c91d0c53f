import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ScanError } from '../../../model.js';
import type { ManifestObject, NodePath } from '../types.js';
import { documentLocator } from './locate.js';

/** Aliases expanded per document before we call it a "billion laughs" and stop. */
const MAX_ALIAS_COUNT = 1000;

export interface ParsedManifests {
  objects: ManifestObject[];
  errors: ScanError[];
}

/** Cheap test: does this text look like it is meant to hold Kubernetes objects? */
export function looksLikeManifest(content: string): boolean {
  return /^\s*["']?apiVersion["']?\s*:/m.test(content) && /^\s*["']?kind["']?\s*:/m.test(content);
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

/**
 * YAML or JSON text -> Kubernetes objects with source positions. Documents that are not Kubernetes
 * objects (no apiVersion/kind) are skipped quietly; `List` kinds are expanded into their items.
 * A broken document in a file that looks like a manifest becomes an error entry; the others still count.
 */
export function parseManifests(path: string, rawContent: string): ParsedManifests {
  const content = rawContent.startsWith('\uFEFF') ? rawContent.slice(1) : rawContent;
  const objects: ManifestObject[] = [];
  const errors: ScanError[] = [];
  const lineCounter = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(content, { lineCounter, uniqueKeys: false, prettyErrors: true }) as Document[];
  } catch (e) {
    if (looksLikeManifest(content)) errors.push({ path, reason: `invalid YAML: ${(e as Error).message}`, scanner: 'manifests' });
    return { objects, errors };
  }
  if (!Array.isArray(docs)) docs = [docs];
  let lines: string[] | undefined;
  const sourceLine = (file: string, line: number): string | undefined => {
    if (file !== path) return undefined;
    lines ??= content.split(/\r?\n/);
    return lines[line - 1];
  };

  for (const doc of docs) {
    if (doc.errors.length > 0) {
      if (looksLikeManifest(content)) errors.push({ path, reason: firstError(doc), scanner: 'manifests' });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ path, reason: `YAML could not be expanded: ${(e as Error).message}`, scanner: 'manifests' });
      continue;
    }
    if (!isKubernetesObject(value)) continue;
    const make = (object: Record<string, unknown>, prefix: NodePath): ManifestObject => {
      const locator = documentLocator(doc, lineCounter, path, prefix);
      return {
        value: object,
        path,
        origin: locator.locate([]),
        locate: locator.locate,
        span: locator.span,
        sourceLine,
      };
    };
    if (String(value.kind).endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item)) objects.push(make(item, ['items', index]));
      });
    } else {
      objects.push(make(value, []));
    }
  }
  return { objects, errors };
}
