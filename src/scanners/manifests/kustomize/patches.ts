// Patch entries of a kustomization (patchesStrategicMerge, patchesJson6902, patches): loading them
// from a file or inline text, choosing their targets, and applying them with the right semantics.
import { compileGoRegexp } from '../helm/functions/go-regexp.js';
import { parseTrackedYaml, type Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { applyJsonPatch, type PatchOp } from './json6902.js';
import { groupVersion, isObj, nameOf, type Obj, type Resource } from './resource.js';
import { strategicMerge } from './strategic-merge.js';

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** A patch's text and how its offsets map to the file (and line) that holds it. */
export interface PatchSource {
  text: string;
  file: string;
  /** For inline patches: line of the kustomization where the patch text starts, minus one. */
  lineOffset: number;
  columnOffset: number;
}

function nameMatches(pattern: string, r: Resource): boolean {
  const names = [nameOf(r.value), r.originalName];
  if (!/[\\^$.*+?()[\]{}|]/.test(pattern)) return names.includes(pattern);
  const regex = compileGoRegexp(`^(?:${pattern})$`);
  return names.some((n) => regex.test(n));
}

function selectorMatches(selector: string, labels: unknown): boolean {
  const map = isObj(labels) ? labels : {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (t === '') return true;
    const ne = t.split('!=');
    if (ne.length === 2) return String(map[ne[0]!.trim()] ?? '') !== ne[1]!.trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return String(map[eq[0]!.trim()] ?? '') === eq[1]!.trim();
    return Object.hasOwn(map, t.replace(/^!/, '')) !== t.startsWith('!');
  });
}

export function targetMatches(target: Target, r: Resource): boolean {
  const { group, version } = groupVersion(r.value);
  const metadata = isObj(r.value.metadata) ? r.value.metadata : {};
  if (target.group !== undefined && target.group !== group) return false;
  if (target.version !== undefined && target.version !== version) return false;
  if (target.kind !== undefined && target.kind !== r.value.kind) return false;
  if (target.namespace !== undefined && target.namespace !== (metadata.namespace ?? 'default') && target.namespace !== metadata.namespace) return false;
  if (target.name !== undefined && !nameMatches(target.name, r)) return false;
  if (target.labelSelector !== undefined && !selectorMatches(target.labelSelector, metadata.labels)) return false;
  if (target.annotationSelector !== undefined && !selectorMatches(target.annotationSelector, metadata.annotations)) return false;
  return true;
}

export function parsePatch(source: PatchSource, origins: Origins): { docs: unknown[]; errors: string[] } {
  const counter: number[] = [0];
  for (let i = source.text.indexOf('\n'); i >= 0; i = source.text.indexOf('\n', i + 1)) counter.push(i + 1);
  const positionOf = (offset: number): SourcePos => {
    let line = 0;
    while (line + 1 < counter.length && counter[line + 1]! <= offset) line++;
    return { path: source.file, line: source.lineOffset + line + 1, column: offset - counter[line]! + 1 + source.columnOffset };
  };
  const parsed = parseTrackedYaml(source.text, source.file, origins, (offset) => positionOf(offset));
  return { docs: parsed.docs.map((d) => d.value), errors: parsed.errors };
}

function toOps(list: unknown[], origins: Origins, fallback: SourcePos): PatchOp[] {
  return list.map((item, i) => {
    if (!isObj(item) || typeof item.op !== 'string' || typeof item.path !== 'string') throw new Error(`operation ${i + 1} needs op and path`);
    const at = origins.get(item, 'value') ?? origins.get(list, i) ?? fallback;
    return { op: item.op, path: item.path, ...(typeof item.from === 'string' ? { from: item.from } : {}), ...('value' in item ? { value: item.value } : {}), at };
  });
}

/**
 * Applies one patch document set to the resources. Returns a reason when it cannot be applied
 * (no target, bad operation), which the caller records as an error entry for the patch file.
 */
export function applyPatch(docs: unknown[], target: Target | undefined, resources: Resource[], origins: Origins, at: SourcePos): string | null {
  const first = docs[0];
  if (docs.length === 1 && Array.isArray(first)) {
    if (!target) return 'a JSON 6902 patch needs a target';
    const matched = resources.filter((r) => targetMatches(target, r));
    // kustomize applies a targeted patch to whatever the target selects, nothing included: overlays
    // share patches whose targets are optional (a name regex over controllers that may be absent)
    if (matched.length === 0) return null;
    try {
      const ops = toOps(first, origins, at);
      for (const r of matched) applyJsonPatch(r.value, ops, origins);
    } catch (e) {
      return `JSON patch failed: ${(e as Error).message}`;
    }
    return null;
  }
  for (const doc of docs) {
    if (!isObj(doc)) return 'a strategic merge patch must be a map';
    const own: Target = {
      ...(typeof doc.kind === 'string' ? { kind: doc.kind } : {}),
      ...(nameOf(doc) ? { name: nameOf(doc) } : {}),
    };
    const selector = target ?? own;
    const matched = resources.filter((r) => targetMatches(selector, r));
    if (matched.length === 0) {
      // only a patch that names its own target must find it (kustomize fails the build there too)
      if (target) continue;
      return `no resource matches the patch for ${String(doc.kind ?? '?')}/${nameOf(doc) || '?'}`;
    }
    for (const r of matched) strategicMerge(r.value, withoutIdentity(doc, target !== undefined, origins), origins);
  }
  return null;
}

/** With an explicit target, the patch's own kind/name must not rename what it patches. */
function withoutIdentity(doc: Obj, targeted: boolean, origins: Origins): Obj {
  if (!targeted) return doc;
  const copy: Obj = { ...doc };
  origins.replaceAll(copy, origins.entries(doc));
  delete copy.apiVersion;
  delete copy.kind;
  if (isObj(doc.metadata)) {
    const metadata: Obj = { ...doc.metadata };
    origins.replaceAll(metadata, origins.entries(doc.metadata));
    delete metadata.name;
    copy.metadata = metadata;
  }
  return copy;
}
