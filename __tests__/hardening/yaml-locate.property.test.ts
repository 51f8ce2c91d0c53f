import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseManifests } from '../../src/scanners/manifests/yaml/parse.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,11}$/);
const { tree } = fc.letrec<{ tree: Json; node: Json }>((tie) => ({
  tree: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null)),
    tie('tree'),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
}));

/** Every path to a map key in the value, with the key it ends on. */
function keyPaths(value: Json, prefix: Array<string | number> = []): Array<{ path: Array<string | number>; key: string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, [...prefix, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [{ path: [...prefix, k], key: k }, ...keyPaths(v, [...prefix, k])]);
}

describe('YAML position mapper (property)', () => {
  test('locate(path) of every key of a generated object points at a line holding that key', () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (spec, flowStrings) => {
        const text = stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec }, flowStrings ? { defaultStringType: 'QUOTE_DOUBLE' } : {});
        const parsed = parseManifests('gen.yaml', text);
        expect(parsed.errors).toEqual([]);
        const object = parsed.objects[0]!;
        const lines = text.split('\n');
        for (const { path, key: k } of keyPaths(spec as Json, ['spec'])) {
          const pos = object.locate(path);
          expect({ path, line: lines[pos.line - 1] }).toEqual({ path, line: expect.stringContaining(k) });
        }
      }),
      { numRuns: 200 },
    );
  });
});
