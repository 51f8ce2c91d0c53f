import { Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

// doc.toJS() is a fifth of the cost of reading a manifest, most of it spent on machinery ordinary
// Kubernetes YAML never needs (anchors, aliases, merge keys, collection keys, custom tag classes).
// This converter handles the plain shapes and gives the same value; at the first node that is not
// plain it stops, and the caller falls back to doc.toJS() (with its alias-bomb limit) for that document.

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

function plainValue(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  const ctor = (node as object).constructor;
  if (ctor === Scalar) {
    const scalar = node as Scalar;
    if (scalar.anchor) throw NOT_PLAIN;
    const value = scalar.value;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    throw NOT_PLAIN;
  }
  if (ctor === YAMLMap) {
    const map = node as YAMLMap;
    if (map.anchor) throw NOT_PLAIN;
    const out: Record<string, unknown> = {};
    for (const pair of map.items) {
      const key = pair.key as unknown;
      if (!key || (key as object).constructor !== Scalar || (key as Scalar).anchor) throw NOT_PLAIN;
      const jsKey = (key as Scalar).value;
      if (jsKey === '<<' || (jsKey !== null && typeof jsKey === 'object')) throw NOT_PLAIN;
      const stringKey = jsKey === null ? '' : String(jsKey);
      const value = plainValue(pair.value);
      // As yaml does: a key that already exists (or is inherited, like __proto__) is defined, not assigned.
      if (stringKey in out) Object.defineProperty(out, stringKey, { value, writable: true, enumerable: true, configurable: true });
      else out[stringKey] = value;
    }
    return out;
  }
  if (ctor === YAMLSeq) {
    const seq = node as YAMLSeq;
    if (seq.anchor) throw NOT_PLAIN;
    const out: unknown[] = [];
    for (const item of seq.items) out.push(plainValue(item));
    return out;
  }
  throw NOT_PLAIN;
}

/** The document's value, as `doc.toJS({ maxAliasCount })` gives it. */
export function documentValue(doc: Document, maxAliasCount: number): unknown {
  try {
    return plainValue(doc.contents);
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return doc.toJS({ maxAliasCount });
  }
}
