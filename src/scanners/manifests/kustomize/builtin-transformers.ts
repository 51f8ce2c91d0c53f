// Kustomize's builtin transformer configs (the documents a `transformers:` entry names, such as
// `kind: LabelTransformer`) are the same operations as kustomization fields with another spelling.
// Each is turned into the kustomization field it stands for, keeping the positions of its values,
// so the build applies it with the code that applies the field.
import type { Origins } from '../tracked-yaml.js';
import { isObj, type Obj } from './resource.js';

export type Translation = { fields: Obj } | { error: string };

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** True when one of the fieldSpecs writes under a path containing `part` (selector, template). */
function specsReach(specs: unknown, part: string): boolean {
  return list(specs).some((s) => isObj(s) && typeof s.path === 'string' && s.path.includes(part));
}

export function translateTransformer(doc: Obj, origins: Origins): Translation {
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  const meta = isObj(doc.metadata) ? doc.metadata : {};
  const withPos = (fields: Obj, key: string, from: object, fromKey: string): Obj => {
    const pos = origins.get(from, fromKey);
    if (pos) origins.set(fields, key, pos);
    return fields;
  };
  switch (kind) {
    case 'LabelTransformer': {
      if (!isObj(doc.labels)) return { fields: {} };
      // a LabelTransformer writes only where its fieldSpecs say: selectors and pod templates when listed
      const entry = { pairs: doc.labels, includeSelectors: specsReach(doc.fieldSpecs, 'selector'), includeTemplates: specsReach(doc.fieldSpecs, 'template') };
      return { fields: { labels: [entry] } };
    }
    case 'AnnotationsTransformer':
      return { fields: isObj(doc.annotations) ? { commonAnnotations: doc.annotations } : {} };
    case 'NamespaceTransformer':
      return { fields: typeof meta.namespace === 'string' ? withPos({ namespace: meta.namespace }, 'namespace', meta, 'namespace') : {} };
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer':
      return { fields: { namePrefix: doc.prefix ?? '', nameSuffix: doc.suffix ?? '' } };
    case 'ImageTagTransformer':
      return { fields: { images: list(doc.imageTag).filter(isObj) } };
    case 'ReplicaCountTransformer':
      return { fields: { replicas: list(doc.replica).filter(isObj) } };
    case 'PatchTransformer':
      return { fields: { patches: [doc] } };
    case 'PatchJson6902Transformer':
      return { fields: { patchesJson6902: [typeof doc.jsonOp === 'string' ? withPos({ ...doc, patch: doc.jsonOp }, 'patch', doc, 'jsonOp') : doc] } };
    case 'PatchStrategicMergeTransformer': {
      const inline = typeof doc.patches === 'string' ? [doc.patches] : [];
      const entries = [...list(doc.paths), ...inline];
      const fields: Obj = { patchesStrategicMerge: entries };
      const pos = origins.get(doc, 'patches');
      if (pos && inline.length > 0) origins.set(entries, entries.length - 1, pos);
      return { fields };
    }
    case 'ReplacementTransformer':
      return { fields: { replacements: list(doc.replacements) } };
    default:
      return { error: `transformer ${JSON.stringify(kind || '(no kind)')} is not a Kustomize builtin: plugins are not run, so its changes are not scanned` };
  }
}
