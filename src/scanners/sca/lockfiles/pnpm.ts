// pnpm-lock.yaml v5 (`/name/1.0.0_peer`), v6 (`/name@1.0.0(peer)`) and v9 (`name@1.0.0`, with `snapshots`
// apart). The line of a package is the line of its key under `packages:`.
// One installed copy = one name@version: pnpm's store holds each once, and v5/v6 keys that differ only in
// resolved peers (`/a/1.0.0_react@17`, `/a/1.0.0_react@18`) are the same package linked twice, which v9 lists
// once. They are merged into the first key's entry, so a peer upgrade does not move or duplicate a finding.
import type { LockfileParseResult, Package } from '../types.js';
import { mergeDuplicates } from './merge.js';
import { get, pairs, parseYamlDoc, scalarText, type YamlDoc } from './yaml.js';

/** Strips peer-dependency suffixes: `1.0.0_react@18` (v5) and `1.0.0(react@18)` (v6+). */
function stripPeers(version: string): string {
  const paren = version.indexOf('(');
  const cut = paren === -1 ? version : version.slice(0, paren);
  const underscore = cut.indexOf('_');
  return underscore === -1 ? cut : cut.slice(0, underscore);
}

function splitAt(key: string): { name: string; version: string } | undefined {
  const at = key.indexOf('@', 1);
  if (at === -1) return undefined;
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

/** name and version of a `packages:` key; the version may be a URL for git/tarball entries (checked later). */
export function parsePnpmKey(rawKey: string, majorVersion: number): { name: string; version: string } | undefined {
  let key = rawKey;
  if (majorVersion < 6) {
    // v5 keys of other registries start with the host (`registry.npmjs.org/foo/1.1.0`); peers never hold '/'
    // (pnpm writes them as `_@types+babel__core@7.1.14`).
    if (!key.startsWith('/')) key = key.slice(key.indexOf('/') + 1);
    else key = key.slice(1);
    const parts = key.split('/');
    const nameParts = key.startsWith('@') ? 2 : 1;
    const version = parts[nameParts];
    if (version === undefined || parts.length !== nameParts + 1) return undefined;
    return { name: parts.slice(0, nameParts).join('/'), version: stripPeers(version) };
  }
  if (key.startsWith('/')) key = key.slice(1);
  const split = splitAt(key);
  return split ? { name: split.name, version: stripPeers(split.version) } : undefined;
}

function directNames(doc: YamlDoc): { prod: Set<string>; dev: Set<string> } {
  const prod = new Set<string>();
  const dev = new Set<string>();
  const collect = (holder: unknown) => {
    for (const field of ['dependencies', 'optionalDependencies']) for (const [n] of pairs(get(holder, field))) prod.add(n);
    for (const [n] of pairs(get(holder, 'devDependencies'))) dev.add(n);
  };
  collect(doc.root);
  for (const [, importer] of pairs(get(doc.root, 'importers'))) collect(importer.value);
  return { prod, dev };
}

/**
 * Where a `packages:` entry comes from when not the registry: its resolution says `type: git` or a `directory`,
 * or its key holds a URL or local path where a registry entry holds a version.
 */
function originOf(entry: unknown, keyVersion: string): Package['origin'] {
  const resolution = get(entry, 'resolution');
  if (scalarText(get(resolution, 'type')) === 'git') return 'git';
  if (scalarText(get(resolution, 'directory')) !== undefined || /^(file|link):/.test(keyVersion)) return 'local';
  if (/^(git[+:]|github:|https?:\/\/codeload\.github\.com\/)/.test(keyVersion)) return 'git';
  if (/[:/]/.test(keyVersion)) return 'url';
  return undefined;
}

export function parsePnpmLock(text: string): LockfileParseResult {
  const doc = parseYamlDoc(text);
  if ('error' in doc) return { packages: [], error: doc.error };
  const lockfileVersion = Number.parseFloat(scalarText(get(doc.root, 'lockfileVersion')) ?? '');
  if (!Number.isFinite(lockfileVersion)) return { packages: [], error: 'pnpm-lock: no lockfileVersion' };
  const major = Math.floor(lockfileVersion);
  const { prod, dev } = directNames(doc);
  const out: Package[] = [];
  for (const [key, pair] of pairs(get(doc.root, 'packages'))) {
    const parsed = parsePnpmKey(key, major);
    // An explicit name/version (tarball and git entries) beats what the key encodes.
    const name = scalarText(get(pair.value, 'name')) ?? parsed?.name;
    const version = scalarText(get(pair.value, 'version')) ?? parsed?.version;
    if (!name || !version || !/^\d/.test(version)) continue;
    const pkg: Package = { name, version, ecosystem: 'npm', line: doc.lineOf(pair.key) };
    const origin = originOf(pair.value, parsed?.version ?? '');
    if (origin) pkg.origin = origin;
    pkg.direct = prod.has(name) || dev.has(name);
    const devFlag = get(pair.value, 'dev');
    const devText = scalarText(devFlag);
    if (devText === 'true' || devText === 'false') pkg.dev = devText === 'true';
    else if (dev.has(name) && !prod.has(name)) pkg.dev = true;
    out.push(pkg);
  }
  return { packages: mergeDuplicates(out, (p) => `${p.name}@${p.version}`) };
}
