// package-lock.json (v1, v2, v3) and npm-shrinkwrap.json. v2/v3 carry `packages` keyed by install path
// ("node_modules/a/node_modules/b"); v1 only nested `dependencies`. v2 has both: `packages` wins.
import type { LockfileParseResult, Package } from '../types.js';
import { bool, child, entries, parseJsonDoc, str, type JsonDoc, type Node } from './json.js';
import { mergeDuplicates } from './merge.js';

const ROOT_DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** `npm:real-name@1.2.3` (an alias) -> its real name and version. */
export function splitNpmAlias(spec: string): { name: string; version: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.lastIndexOf('@');
  if (at <= 0) return { name: rest, version: '' };
  return { name: rest.slice(0, at), version: rest.slice(at + 1) };
}

/** Git, tarball and file specs in a version field are not registry versions: the version is unknown. */
function registryVersion(version: string): string {
  return /[:/#]/.test(version) ? '' : version;
}

/** What tells two copies of name@version apart: the commit of a git dependency (after `#`), else nothing. */
function sourceOf(resolvedOrVersion: string | undefined): string {
  const hash = resolvedOrVersion?.indexOf('#') ?? -1;
  return hash === -1 || !resolvedOrVersion ? '' : resolvedOrVersion.slice(hash + 1);
}

function fromPackages(doc: JsonDoc, packagesNode: Node, sources: string[]): Package[] {
  const root = child(packagesNode, '');
  const direct = new Set<string>();
  for (const field of ROOT_DEP_FIELDS) for (const [name] of entries(child(root, field))) direct.add(name);
  const out: Package[] = [];
  for (const [path, entry, prop] of entries(packagesNode)) {
    const at = path.lastIndexOf('node_modules/');
    // "" is the project itself; paths without node_modules/ are workspace folders; links point at those.
    if (at === -1 || bool(child(entry, 'link')) === true) continue;
    const installName = path.slice(at + 'node_modules/'.length);
    let name = str(child(entry, 'name')) ?? installName;
    let version = str(child(entry, 'version')) ?? '';
    const alias = splitNpmAlias(version);
    if (alias) ({ name, version } = alias);
    const pkg: Package = { name, version: registryVersion(version), ecosystem: 'npm', line: doc.lineOf(prop) };
    pkg.direct = at === 0 && direct.has(installName);
    pkg.dev = bool(child(entry, 'dev')) === true;
    const license = str(child(entry, 'license'));
    if (license) pkg.license = license;
    sources.push(sourceOf(str(child(entry, 'resolved'))));
    out.push(pkg);
  }
  return out;
}

function fromDependencies(doc: JsonDoc, deps: Node, topLevel: boolean, out: Package[], sources: string[]): void {
  for (const [key, entry, prop] of entries(deps)) {
    let name = key;
    let version = str(child(entry, 'version')) ?? '';
    const alias = splitNpmAlias(version);
    if (alias) ({ name, version } = alias);
    const pkg: Package = { name, version: registryVersion(version), ecosystem: 'npm', line: doc.lineOf(prop) };
    pkg.dev = bool(child(entry, 'dev')) === true;
    // v1 does not say which top-level entries the project declared (hoisting mixes them): direct stays unknown.
    if (!topLevel) pkg.direct = false;
    sources.push(sourceOf(str(child(entry, 'version'))));
    out.push(pkg);
    const nested = child(entry, 'dependencies');
    if (nested) fromDependencies(doc, nested, false, out, sources);
  }
}

export function parsePackageLock(text: string): LockfileParseResult {
  const doc = parseJsonDoc(text);
  if ('error' in doc) return { packages: [], error: doc.error };
  if (doc.root.type !== 'object') return { packages: [], error: 'package-lock: top level is not an object' };
  // Every npm since 5 writes it; without it this is some other JSON file (a package.json, say).
  if (child(doc.root, 'lockfileVersion')?.type !== 'number') return { packages: [], error: 'package-lock: no numeric lockfileVersion' };
  const packagesNode = child(doc.root, 'packages');
  const deps = child(doc.root, 'dependencies');
  const sources: string[] = [];
  let out: Package[] = [];
  if (packagesNode?.type === 'object') out = fromPackages(doc, packagesNode, sources);
  else if (deps?.type === 'object') fromDependencies(doc, deps, true, out, sources);
  return { packages: mergeDuplicates(out, (p, i) => `${p.name}@${p.version}#${sources[i] ?? ''}`) };
}
