// JSON patch (RFC 6902) operations over tracked values: add/remove/replace/move/copy/test, with list
// positions re-keyed when items shift, and the operation's line recorded for what it writes.
import { cloneTracked, type Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';

export interface PatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
  /** Where the operation's value (or the operation) is written in the patch file. */
  at: SourcePos;
}

type Container = Record<string, unknown> | unknown[];

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer ${JSON.stringify(path)} must start with /`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(root: unknown, path: string): { parent: Container; key: string } {
  const parts = pointer(path);
  const key = parts.pop();
  if (key === undefined) throw new Error('cannot patch the document root');
  let cur: unknown = root;
  for (const part of parts) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else cur = undefined;
    if (cur === undefined || cur === null || typeof cur !== 'object') throw new Error(`path ${path} does not exist`);
  }
  return { parent: cur as Container, key };
}

function index(list: unknown[], key: string, forInsert: boolean): number {
  if (key === '-' && forInsert) return list.length;
  const i = Number(key);
  if (!Number.isInteger(i) || i < 0 || i > list.length || (!forInsert && i === list.length)) throw new Error(`index ${key} out of range`);
  return i;
}

/** Splices a list and moves the recorded positions of the items after the splice point with them. */
function splice(list: unknown[], start: number, remove: number, origins: Origins, insert?: { value: unknown; at: SourcePos }): void {
  const before = origins.entries(list);
  if (insert) list.splice(start, remove, insert.value);
  else list.splice(start, remove);
  const shifted = new Map<string | number, SourcePos>();
  const delta = (insert ? 1 : 0) - remove;
  for (const [k, pos] of before) {
    if (typeof k !== 'number') continue;
    if (k < start) shifted.set(k, pos);
    else if (k >= start + remove) shifted.set(k + delta, pos);
  }
  if (insert) shifted.set(start, insert.at);
  origins.replaceAll(list, shifted);
}

function get(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return cur;
}

function write(root: unknown, path: string, value: unknown, at: SourcePos, origins: Origins, insert: boolean): void {
  const { parent, key } = parentOf(root, path);
  if (Array.isArray(parent)) {
    const i = index(parent, key, insert);
    splice(parent, i, insert ? 0 : 1, origins, { value, at });
    return;
  }
  if (!insert && !(key in parent)) throw new Error(`path ${path} does not exist`);
  parent[key] = value;
  origins.set(parent, key, at);
}

function remove(root: unknown, path: string, origins: Origins): void {
  const { parent, key } = parentOf(root, path);
  if (Array.isArray(parent)) splice(parent, index(parent, key, false), 1, origins);
  else {
    if (!(key in parent)) throw new Error(`path ${path} does not exist`);
    delete parent[key];
    origins.delete(parent, key);
  }
}

/** Applies operations in order; throws an Error with a readable reason on the first failing one. */
export function applyJsonPatch(root: Record<string, unknown>, ops: PatchOp[], origins: Origins): void {
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        write(root, op.path, cloneTracked(op.value, origins), op.at, origins, true);
        break;
      case 'replace':
        write(root, op.path, cloneTracked(op.value, origins), op.at, origins, false);
        break;
      case 'remove':
        remove(root, op.path, origins);
        break;
      case 'move':
      case 'copy': {
        if (op.from === undefined) throw new Error(`${op.op} needs from`);
        const value = get(root, op.from);
        if (value === undefined) throw new Error(`path ${op.from} does not exist`);
        if (op.op === 'move') remove(root, op.from, origins);
        write(root, op.path, cloneTracked(value, origins), op.at, origins, true);
        break;
      }
      case 'test':
        if (JSON.stringify(get(root, op.path)) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`);
        break;
      default:
        throw new Error(`unknown JSON patch op ${JSON.stringify(op.op)}`);
    }
  }
}
