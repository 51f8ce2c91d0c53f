// A resource inside a kustomize build: the object, the file it was read from, and its original name
// (patches and replicas match names from before this level's prefix/suffix).
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';

export type Obj = Record<string, unknown>;

export interface Resource {
  value: Obj;
  /** File the object was read from (a resource file; a kustomization for generated objects). */
  file: string;
  origin: SourcePos;
  originalName: string;
}

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function field(value: unknown, ...path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Gets (creating when missing) the map at `path`; created keys take position `at`. */
export function ensureMap(root: Obj, path: string[], origins: Origins, at: SourcePos): Obj {
  let cur = root;
  for (const key of path) {
    let next = cur[key];
    if (!isObj(next)) {
      next = {};
      cur[key] = next;
      origins.set(cur, key, at);
    }
    cur = next as Obj;
  }
  return cur;
}

export function nameOf(value: Obj): string {
  const name = field(value, 'metadata', 'name');
  return typeof name === 'string' ? name : '';
}

export function groupVersion(value: Obj): { group: string; version: string } {
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
