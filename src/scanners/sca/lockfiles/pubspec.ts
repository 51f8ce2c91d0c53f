// pubspec.lock (Dart/Flutter): `packages:` map of name -> { dependency, source, version }. SDK packages
// (flutter, flutter_test) come with the SDK, not from pub.dev, and are skipped.
import type { LockfileParseResult, Package } from '../types.js';
import { get, pairs, parseYamlDoc, scalarText } from './yaml.js';

export function parsePubspecLock(text: string): LockfileParseResult {
  const doc = parseYamlDoc(text);
  if ('error' in doc) return { packages: [], error: doc.error };
  const out: Package[] = [];
  for (const [name, pair] of pairs(get(doc.root, 'packages'))) {
    if (scalarText(get(pair.value, 'source')) === 'sdk') continue;
    const version = scalarText(get(pair.value, 'version')) ?? '';
    const dependency = scalarText(get(pair.value, 'dependency')) ?? '';
    const pkg: Package = { name, version, ecosystem: 'Pub', line: doc.lineOf(pair.key) };
    const source = scalarText(get(pair.value, 'source'));
    if (source === 'git') pkg.origin = 'git';
    else if (source === 'path') pkg.origin = 'local';
    if (dependency) {
      pkg.direct = dependency.startsWith('direct');
      if (pkg.direct) pkg.dev = dependency === 'direct dev';
    }
    out.push(pkg);
  }
  return { packages: out };
}
