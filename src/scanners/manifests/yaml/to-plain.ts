import { Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

// `Document.toJS` walks every node through generic toJSON calls, anchor bookkeeping and merge-key
// checks; it is an eighth of parsing a manifest. Nearly all manifests are plain maps, lists and
// scalars, which this converts directly. Anything else (anchors, aliases, merge keys, tagged sets and
// ordered maps, non-scalar keys) makes it give up, and the caller uses `toJS` itself, so the value is
// always what `toJS` would have produced.

const GIVE_UP: unique symbol = Symbol('not plain');

// Nodes are told apart by their class: the composer makes exactly these three for plain YAML, and a
// subclass (a tagged set or ordered map) is not plain.
function convert(node: unknown): unknown {
  if (node === null) return null;
  const type = (node as object).constructor;
  if (type === Scalar) {
    const scalar = node as Scalar;
    if (scalar.anchor) return GIVE_UP;
    const value = scalar.value;
    // toJS keeps scalar values as they are (`keep`); only plain JSON-like ones are safe to pass on here.
    return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : GIVE_UP;
  }
  if (type === YAMLMap) {
    const map = node as YAMLMap<unknown, unknown>;
    if (map.anchor) return GIVE_UP;
    const out: Record<string, unknown> = {};
    for (const pair of map.items) {
      const key = pair.key;
      if (key === null || (key as object).constructor !== Scalar || (key as Scalar).anchor) return GIVE_UP;
      const raw = (key as Scalar).value;
      let name: string;
      if (typeof raw === 'string') name = raw;
      else if (raw === null) name = '';
      else if (typeof raw === 'number' || typeof raw === 'boolean') name = String(raw);
      else return GIVE_UP;
      if (name === '<<' || name === '__proto__') return GIVE_UP;
      const value = convert(pair.value);
      if (value === GIVE_UP) return GIVE_UP;
      // A repeated name keeps its first position and takes the last value, as in toJS. (toJS redefines
      // names found on the prototype; assigning does the same for its data properties, and __proto__,
      // the one accessor, was turned away above.)
      out[name] = value;
    }
    return out;
  }
  if (type === YAMLSeq) {
    const seq = node as YAMLSeq<unknown>;
    if (seq.anchor) return GIVE_UP;
    const out: unknown[] = [];
    for (const item of seq.items) {
      const value = convert(item);
      if (value === GIVE_UP) return GIVE_UP;
      out.push(value);
    }
    return out;
  }
  return GIVE_UP;
}

/** The document's value, exactly as `doc.toJS(options)` gives it. */
export function documentValue(doc: Document, options: { maxAliasCount: number }): unknown {
  const value = convert(doc.contents);
  return value === GIVE_UP ? doc.toJS(options) : value;
}
