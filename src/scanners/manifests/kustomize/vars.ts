// Legacy `vars`: a name bound to one field of one resource, substituted as `$(NAME)` into the fields
// kustomize allows by default (container command, args, env values and volume mount paths; Ingress
// hosts), once the whole build is done. A field that is exactly `$(NAME)` is located at the var's
// source field; a field with text around the reference keeps its own line.
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { findPodSpecs } from '../podspec.js';
import { parseFieldPath, readSlot, resolveSlots } from './field-path.js';
import { isObj, nameOf, type Obj, type Resource } from './resource.js';

export interface VarDecl {
  name: string;
  kind: string;
  objectName: string;
  apiVersion?: string;
  fieldPath: string;
  file: string;
  at: SourcePos;
}

type Report = (file: string, reason: string) => void;

export function varsOf(list: unknown, kfile: string, origins: Origins, report: Report): VarDecl[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, i): VarDecl[] => {
    const at = origins.get(list, i) ?? { path: kfile, line: 1, column: 1 };
    const ref = isObj(entry) && isObj(entry.objref) ? entry.objref : null;
    if (!isObj(entry) || typeof entry.name !== 'string' || !ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
      report(kfile, `vars entry ${i + 1} needs a name and an objref with kind and name`);
      return [];
    }
    const fieldPath = isObj(entry.fieldref) && typeof entry.fieldref.fieldpath === 'string' ? entry.fieldref.fieldpath : 'metadata.name';
    return [{ name: entry.name, kind: ref.kind, objectName: ref.name, ...(typeof ref.apiVersion === 'string' ? { apiVersion: ref.apiVersion } : {}), fieldPath, file: kfile, at }];
  });
}

interface Bound {
  value: string;
  at: SourcePos;
}

function bind(decl: VarDecl, resources: Resource[], origins: Origins): Bound | string {
  const matched = resources.filter(
    (r) => r.value.kind === decl.kind && (r.originalName === decl.objectName || nameOf(r.value) === decl.objectName) && (decl.apiVersion === undefined || r.value.apiVersion === decl.apiVersion),
  );
  if (matched.length !== 1) return `var ${decl.name}: ${decl.kind}/${decl.objectName} matches ${matched.length} resources (needs exactly one)`;
  const slots = resolveSlots(matched[0]!.value, parseFieldPath(decl.fieldPath), { create: false, origins, at: decl.at });
  const value = slots.length === 1 ? readSlot(slots[0]!) : undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return `var ${decl.name}: field ${decl.fieldPath} of ${decl.kind}/${decl.objectName} is not a string`;
  return { value: String(value), at: origins.get(slots[0]!.container, slots[0]!.key) ?? decl.at };
}

/** The (container, key) pairs whose strings take `$(VAR)` references. */
function referenceSlots(value: Obj): Array<[Obj | unknown[], string | number]> {
  const out: Array<[Obj | unknown[], string | number]> = [];
  const strings = (container: unknown) => {
    if (Array.isArray(container)) container.forEach((_v, i) => out.push([container, i]));
  };
  for (const pod of findPodSpecs(value)) {
    for (const c of pod.containers) {
      const container = c.value;
      strings(container.command);
      strings(container.args);
      for (const list of [container.env, container.volumeMounts]) {
        if (!Array.isArray(list)) continue;
        for (const item of list) if (isObj(item)) out.push([item, list === container.env ? 'value' : 'mountPath']);
      }
    }
  }
  if (value.kind === 'Ingress' && isObj(value.spec)) {
    for (const rule of Array.isArray(value.spec.rules) ? value.spec.rules : []) if (isObj(rule)) out.push([rule, 'host']);
    for (const tls of Array.isArray(value.spec.tls) ? value.spec.tls : []) {
      if (!isObj(tls)) continue;
      strings(tls.hosts);
      out.push([tls, 'secretName']);
    }
  }
  return out;
}

const REFERENCE = /\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

export function resolveVars(decls: VarDecl[], resources: Resource[], origins: Origins, report: Report): void {
  const bound = new Map<string, Bound>();
  const declared = new Set<string>();
  for (const decl of decls) {
    if (declared.has(decl.name)) {
      report(decl.file, `var ${decl.name} is declared more than once`);
      continue;
    }
    declared.add(decl.name);
    const result = bind(decl, resources, origins);
    if (typeof result === 'string') report(decl.file, result);
    else bound.set(decl.name, result);
  }
  if (bound.size === 0) return;
  for (const r of resources) {
    for (const [container, key] of referenceSlots(r.value)) {
      const holder = container as Record<string | number, unknown>;
      const text = holder[key];
      if (typeof text !== 'string' || !text.includes('$(')) continue;
      const whole = /^\$\(([^)]+)\)$/.exec(text);
      holder[key] = text.replace(REFERENCE, (ref: string, name: string) => bound.get(name)?.value ?? ref);
      const source = whole ? bound.get(whole[1]!) : undefined;
      if (source) origins.set(container, key, source.at);
    }
  }
}
