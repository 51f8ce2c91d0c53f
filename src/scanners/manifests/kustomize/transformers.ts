// The kustomization fields that rewrite every resource: namespace, namePrefix/nameSuffix, labels,
// annotations, images and replicas. A field they write is located at the kustomization line that set it.
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { ensureMap, field, isObj, nameOf, type Obj, type Resource } from './resource.js';

const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'Node',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'IngressClass',
  'RuntimeClass', 'CSIDriver', 'PodSecurityPolicy', 'ClusterIssuer', 'VolumeSnapshotClass',
]);

function stringMap(value: unknown): Record<string, string> {
  if (!isObj(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function setAll(target: Obj, pairs: Record<string, string>, origins: Origins, positions: (key: string) => SourcePos): void {
  for (const [k, v] of Object.entries(pairs)) {
    target[k] = v;
    origins.set(target, k, positions(k));
  }
}

export function setNamespace(resources: Resource[], namespace: string, at: SourcePos, origins: Origins): void {
  for (const r of resources) {
    const kind = String(r.value.kind ?? '');
    if (CLUSTER_SCOPED.has(kind)) {
      if (kind === 'ClusterRoleBinding' || kind === 'RoleBinding') setSubjectNamespaces(r.value, namespace, at, origins);
      continue;
    }
    const metadata = ensureMap(r.value, ['metadata'], origins, at);
    metadata.namespace = namespace;
    origins.set(metadata, 'namespace', at);
    if (kind === 'RoleBinding') setSubjectNamespaces(r.value, namespace, at, origins);
  }
}

function setSubjectNamespaces(value: Obj, namespace: string, at: SourcePos, origins: Origins): void {
  const subjects = value.subjects;
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (isObj(s) && s.kind === 'ServiceAccount') {
      s.namespace = namespace;
      origins.set(s, 'namespace', at);
    }
  }
}

export function renameAll(resources: Resource[], prefix: string, suffix: string): void {
  for (const r of resources) {
    if (r.value.kind === 'Namespace' || r.value.kind === 'CustomResourceDefinition') continue;
    const metadata = r.value.metadata;
    if (isObj(metadata) && typeof metadata.name === 'string') metadata.name = `${prefix}${metadata.name}${suffix}`;
  }
}

const TEMPLATED = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** Labels on metadata, and when asked on selectors and pod templates (as commonLabels does). */
export function addLabels(
  resources: Resource[],
  pairs: Record<string, string>,
  opts: { selectors: boolean; templates: boolean },
  positions: (key: string) => SourcePos,
  origins: Origins,
): void {
  const at = positions(Object.keys(pairs)[0] ?? '');
  for (const r of resources) {
    const v = r.value;
    setAll(ensureMap(v, ['metadata', 'labels'], origins, at), pairs, origins, positions);
    const kind = String(v.kind ?? '');
    if (opts.selectors) {
      if (kind === 'Service') setAll(ensureMap(v, ['spec', 'selector'], origins, at), pairs, origins, positions);
      else if (TEMPLATED.has(kind) && kind !== 'Job') setAll(ensureMap(v, ['spec', 'selector', 'matchLabels'], origins, at), pairs, origins, positions);
    }
    if (opts.templates || opts.selectors) {
      if (TEMPLATED.has(kind)) setAll(ensureMap(v, ['spec', 'template', 'metadata', 'labels'], origins, at), pairs, origins, positions);
      if (kind === 'CronJob') setAll(ensureMap(v, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'], origins, at), pairs, origins, positions);
    }
  }
}

export function addAnnotations(resources: Resource[], pairs: Record<string, string>, positions: (key: string) => SourcePos, origins: Origins): void {
  const at = positions(Object.keys(pairs)[0] ?? '');
  for (const r of resources) {
    setAll(ensureMap(r.value, ['metadata', 'annotations'], origins, at), pairs, origins, positions);
    if (TEMPLATED.has(String(r.value.kind ?? ''))) setAll(ensureMap(r.value, ['spec', 'template', 'metadata', 'annotations'], origins, at), pairs, origins, positions);
  }
}

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  at: SourcePos;
}

function splitImage(image: string): { name: string; tag: string; digest: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : '';
  return { name: tag ? rest.slice(0, colon) : rest, tag, digest };
}

function eachContainer(value: unknown, visit: (container: Obj) => void, depth = 0): void {
  if (depth > 12) return;
  if (Array.isArray(value)) value.forEach((v) => eachContainer(v, visit, depth + 1));
  else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') && Array.isArray(v)) v.filter(isObj).forEach(visit);
      else eachContainer(v, visit, depth + 1);
    }
  }
}

export function setImages(resources: Resource[], rules: ImageRule[], origins: Origins): void {
  for (const r of resources) {
    eachContainer(r.value, (c) => {
      if (typeof c.image !== 'string') return;
      const parts = splitImage(c.image);
      const rule = rules.find((x) => x.name === parts.name);
      if (!rule) return;
      const name = rule.newName ?? parts.name;
      const image = rule.digest ? `${name}@${rule.digest}` : `${name}${rule.newTag ? `:${rule.newTag}` : parts.tag ? `:${parts.tag}` : ''}${!rule.newTag && parts.digest ? `@${parts.digest}` : ''}`;
      c.image = image;
      origins.set(c, 'image', rule.at);
    });
  }
}

export function setReplicas(resources: Resource[], name: string, count: number, at: SourcePos, origins: Origins): boolean {
  let matched = false;
  for (const r of resources) {
    if (r.originalName !== name && nameOf(r.value) !== name) continue;
    if (!isObj(field(r.value, 'spec'))) continue;
    const spec = r.value.spec as Obj;
    spec.replicas = count;
    origins.set(spec, 'replicas', at);
    matched = true;
  }
  return matched;
}

export { stringMap };
