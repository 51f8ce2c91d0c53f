import fc from 'fast-check';
import { parseAllDocuments, type Document } from 'yaml';
import { documentValue } from '../../src/scanners/manifests/yaml/to-plain.js';

// documentValue must give exactly what Document.toJS gives, including key order, for every document:
// the plain ones it converts itself and the unusual ones it hands back to toJS.

function bothWays(text: string): Array<{ ours: unknown; theirs: unknown }> {
  return (parseAllDocuments(text, { uniqueKeys: false }) as Document[])
    .filter((doc) => doc.errors.length === 0)
    .map((doc) => ({ ours: documentValue(doc, { maxAliasCount: 1000 }), theirs: doc.toJS({ maxAliasCount: 1000 }) }));
}

function expectSame(text: string): void {
  const docs = bothWays(text);
  expect(docs.length).toBeGreaterThan(0);
  for (const { ours, theirs } of docs) {
    expect(ours).toEqual(theirs);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  }
}

describe('documentValue', () => {
  it.each([
    ['a plain manifest', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      ports: [{containerPort: 80}]\n'],
    ['scalars of every core type', 'a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: "quoted"\ng: .inf\nh: 0x1f\ni: |\n  block\n  text\n'],
    ['duplicate keys (last value, first position)', 'a: 1\nb: 2\na: 3\n'],
    ['keys that are numbers, booleans or empty', '1: one\ntrue: yes\n: nothing\n'],
    ['keys inherited from Object.prototype', 'toString: x\nconstructor: y\nhasOwnProperty: z\n'],
    ['a __proto__ key', '__proto__: {polluted: true}\nsafe: 1\n'],
    ['anchors and aliases', 'base: &b {cpu: 1}\nother: *b\nlist: [*b, *b]\n'],
    ['a merge key', 'base: &b {cpu: 1}\nmerged:\n  <<: *b\n  mem: 2\n'],
    ['a merge key under YAML 1.1', '%YAML 1.1\n---\nbase: &b {cpu: 1}\nmerged:\n  <<: *b\n'],
    ['a quoted "<<" key', '"<<": literal\n'],
    ['a non-scalar key', '? [a, b]\n: value\n'],
    ['tagged collections', 'set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\n'],
    ['a flow sequence with pairs', 'list: [a: 1, b]\n'],
    ['a binary scalar', 'data: !!binary aGVsbG8=\n'],
    ['several documents', 'a: 1\n---\n- x\n- y\n---\nplain scalar\n'],
  ])('matches toJS for %s', (_name, text) => {
    expectSame(text);
  });

  it('matches toJS for generated documents', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const key = fc.oneof(fc.string(), fc.constantFrom('<<', '__proto__', 'toString', '1', 'true', ''));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('list')),
      map: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }),
      list: fc.array(tie('tree'), { maxLength: 5 }),
    }));
    // Rendered as JSON-in-YAML flow text so that keys repeat and names collide freely.
    const render = (value: unknown): string => {
      if (Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string')) {
        return `{${(value as Array<[string, unknown]>).map(([k, v]) => `${JSON.stringify(k)}: ${render(v)}`).join(', ')}}`;
      }
      if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(tree, (value) => {
        const text = `root: ${render(value)}\n`;
        for (const { ours, theirs } of bothWays(text)) expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
      }),
      { numRuns: 300 },
    );
  });
});
