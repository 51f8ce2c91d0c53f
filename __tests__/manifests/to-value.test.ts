import { parseAllDocuments } from 'yaml';
import { documentValue } from '../../src/scanners/manifests/yaml/to-value.js';

// documentValue must give exactly what doc.toJS() gives, including the cases it hands back to toJS.
const CASES: Record<string, string> = {
  plain: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {x: "1"}}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n    ports: [{containerPort: 80}]\n',
  scalars: 'a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 0x1F\ng: .inf\nh: -.inf\ni: "007"\nj: |\n  block\n  text\nk: >\n  folded\n  text\n',
  keys: '1: one\ntrue: yes\nnull: nothing\n~: tilde\n"": empty\n',
  duplicate: 'a: 1\na: 2\n',
  proto: '__proto__: {polluted: true}\ntoString: x\nconstructor: y\n',
  anchors: 'base: &b {cpu: 1}\nlimits: *b\nlist: [&s hello, *s]\n',
  merge: 'base: &b {cpu: 1}\nderived:\n  <<: *b\n  mem: 2\n',
  collectionKey: '? [a, b]\n: pair\n? {k: v}\n: map\n',
  tags: 'a: !!str 123\nb: !custom value\nc: !!int "42"\n',
  empty: '',
  nulls: 'a:\nb: []\nc: {}\n- ignored\n',
  seqRoot: '- 1\n- two\n- {three: 3}\n',
};

test.each(Object.entries(CASES))('%s: same value as doc.toJS()', (_, text) => {
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    if (doc.errors.length > 0) continue;
    const expected = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    const actual = documentValue(doc, 1000);
    expect(actual).toStrictEqual(expected);
    expect(Object.getPrototypeOf({})).not.toHaveProperty('polluted');
  }
});

test('an alias bomb still stops at the alias budget', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const [doc] = parseAllDocuments(bomb.join('\n') + '\n', { uniqueKeys: false });
  expect(() => documentValue(doc!, 1000)).toThrow(/alias/i);
});
