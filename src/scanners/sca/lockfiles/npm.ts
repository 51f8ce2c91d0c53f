// package-lock.json (v1, v2, v3) and npm-shrinkwrap.json. v2/v3 carry `packages` keyed by install path
// ("node_modules/a/node_modules/b"); v1 only nested `dependencies`. v2 has both: `packages` wins.
// v2/v3 files can be tens of MB: values come from JSON.parse and lines from a bracket-and-string scan; only
// v1 and files that scan oddly go through the (slower) jsonc-parser tree.
// Every installed copy is its own entry (with its own line and install path): npm installs a package once per
// node_modules folder that needs it, and each copy is a place a reviewer can fix. A v1 lockfile spells the same
// tree as nested `dependencies`, so its install path is rebuilt from the nesting.
import type { LockfileParseResult, Package } from '../types.js';
import { bool, child, entries, keyLinesAt, parseJsonDoc, str, type JsonDoc, type Node } from './json.js';
import { MAX_NESTING } from './text.js';

const ROOT_DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `npm:real-name@1.2.3` (an alias) -> its real name and version. */
export function splitNpmAlias(spec: string): { name: string; version: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.lastIndexOf('@');
  if (at <= 0) return { name: rest, version: '' };
  return { name: rest.slice(0, at), version: rest.slice(at + 1) };
}

/** Where `resolved` points when not a registry tarball: a git commit or a local folder or file. */
function originOf(resolved: string | undefined): Package['origin'] {
  if (resolved === undefined) return undefined;
  if (/^(git[+:]|github:|gitlab:|bitbucket:)/.test(resolved)) return 'git';
  if (resolved.startsWith('file:')) return 'local';
  return undefined;
}

/** Git, tarball and file specs in a version field are not registry versions: the version is unknown. */
function registryVersion(version: string): string {
  return /[:/#]/.test(version) ? '' : version;
}

function fromPackages(packages: Json, lineOf: (key: string) => number | undefined): Package[] | undefined {
  const root = isObject(packages['']) ? packages[''] : {};
  const direct = new Set<string>();
  for (const field of ROOT_DEP_FIELDS) {
    const deps = root[field];
    if (isObject(deps)) for (const name of Object.keys(deps)) direct.add(name);
  }
  const out: Package[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    const at = path.lastIndexOf('node_modules/');
    // "" is the project itself; paths without node_modules/ are workspace folders; links point at those.
    if (at === -1 || !isObject(entry) || entry.link === true) continue;
    const line = lineOf(path);
    if (line === undefined) return undefined;
    const installName = path.slice(at + 'node_modules/'.length);
    let name = text(entry.name) ?? installName;
    let version = text(entry.version) ?? '';
    const alias = splitNpmAlias(version);
    if (alias) ({ name, version } = alias);
    const pkg: Package = { name, version: registryVersion(version), ecosystem: 'npm', line, installPath: path };
    const origin = originOf(text(entry.resolved));
    if (origin) pkg.origin = origin;
    pkg.direct = at === 0 && direct.has(installName);
    pkg.dev = entry.dev === true;
    const license = text(entry.license);
    if (license) pkg.license = license;
    out.push(pkg);
  }
  return out;
}

function fromDependencies(doc: JsonDoc, deps: Node, parentPath: string, out: Package[]): void {
  const topLevel = parentPath === '';
  for (const [key, entry, prop] of entries(deps)) {
    const installPath = `${parentPath}node_modules/${key}`;
    let name = key;
    let version = str(child(entry, 'version')) ?? '';
    const alias = splitNpmAlias(version);
    if (alias) ({ name, version } = alias);
    const pkg: Package = { name, version: registryVersion(version), ecosystem: 'npm', line: doc.lineOf(prop), installPath };
    pkg.dev = bool(child(entry, 'dev')) === true;
    // v1 does not say which top-level entries the project declared (hoisting mixes them): direct stays unknown.
    if (!topLevel) pkg.direct = false;
    out.push(pkg);
    const nested = child(entry, 'dependencies');
    if (nested) fromDependencies(doc, nested, `${installPath}/`, out);
  }
}

/** The tree path: v1 lockfiles, and the exact error message (with its line) for malformed JSON. */
function parseWithTree(source: string): LockfileParseResult {
  const doc = parseJsonDoc(source);
  if ('error' in doc) return { packages: [], error: doc.error };
  const packagesNode = child(doc.root, 'packages');
  if (packagesNode?.type === 'object') {
    const lines = new Map(entries(packagesNode).map(([key, , prop]) => [key, doc.lineOf(prop)]));
    return { packages: fromPackages(plainObject(packagesNode), (key) => lines.get(key)) ?? [] };
  }
  const out: Package[] = [];
  const deps = child(doc.root, 'dependencies');
  if (deps?.type === 'object') fromDependencies(doc, deps, '', out);
  return { packages: out };
}

function plainObject(node: Node): Json {
  const out: Json = {};
  for (const [key, value] of entries(node)) {
    out[key] = value.type === 'object' ? plainObject(value) : value.value;
  }
  return out;
}

export function parsePackageLock(source: string): LockfileParseResult {
  const scan = keyLinesAt(source, ['packages']);
  if (scan.tooDeep) return { packages: [], error: `JSON nested deeper than ${MAX_NESTING} levels` };
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return parseWithTree(source);
  }
  if (!isObject(data)) return { packages: [], error: 'package-lock: top level is not an object' };
  // Every npm since 5 writes it; without it this is some other JSON file (a package.json, say).
  if (typeof data.lockfileVersion !== 'number') return { packages: [], error: 'package-lock: no numeric lockfileVersion' };
  if (!isObject(data.packages)) return parseWithTree(source);
  // JSON.parse keeps the last of repeated keys: so does the line.
  const fast = fromPackages(data.packages, (key) => scan.lines?.get(key)?.at(-1));
  return fast ? { packages: fast } : parseWithTree(source);
}
