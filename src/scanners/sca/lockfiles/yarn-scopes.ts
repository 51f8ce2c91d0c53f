// yarn.lock records no dependency scope: which packages are direct, and which only development ones, comes from the
// package.json beside it. The lockfile does record each entry's own dependencies, so a walk from the manifest's
// dependencies and from its devDependencies tells the two apart, as `yarn install --production` would.
//
// Only a single-package project is scoped. With workspaces, other manifests add roots this walk does not see; a
// package marked dev-only by mistake would be dropped by `sca.ignoreDev`, so scope is then left unknown.
import type { Package } from '../types.js';
import { get, pairs, parseYamlDoc, scalarText } from './yaml.js';
import { splitLines } from './text.js';
import { headerSpecs, rangeOfSpec, unquote } from './yarn.js';

interface Entry {
  /** `name@version`, the identity packages are matched by. */
  key: string;
  /** Every `name@range` this entry resolves. */
  specs: string[];
  /** `name@range` of each dependency (optional ones too: they are installed when they can be). */
  deps: string[];
}

interface Manifest {
  prod: string[];
  dev: string[];
}

/** The name as written before the range (an `npm:` alias stays the alias: lockfile keys are spelled that way). */
function nameOf(spec: string): string {
  const range = rangeOfSpec(spec);
  return range === '' ? spec : spec.slice(0, spec.length - range.length - 1);
}

function v1Entries(text: string): Entry[] {
  const entries: Entry[] = [];
  let current: (Entry & { version: string; name: string }) | undefined;
  let inDeps = false;
  for (const line of splitLines(text)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const specs = headerSpecs(line.replace(/:$/, ''));
      current = { key: '', specs, deps: [], version: '', name: nameOf(specs[0] ?? '') };
      entries.push(current);
      inDeps = false;
      continue;
    }
    if (!current) continue;
    if (/^ {2}\S/.test(line)) {
      inDeps = /^ {2}(dependencies|optionalDependencies):\s*$/.test(line);
      const version = /^ {2}version:? +(.+)$/.exec(line)?.[1];
      if (version) current.version = unquote(version);
      continue;
    }
    const dep = inDeps ? /^ {4}("[^"]+"|\S+)\s+(.+)$/.exec(line) : null;
    if (dep) current.deps.push(`${unquote(dep[1]!)}@${unquote(dep[2]!)}`);
  }
  for (const e of entries as Array<Entry & { version: string; name: string }>) e.key = `${e.name}@${e.version}`;
  return entries;
}

function berryEntries(text: string): Entry[] | null {
  const doc = parseYamlDoc(text);
  if ('error' in doc) return null;
  const entries: Entry[] = [];
  for (const [header, pair] of pairs(doc.root)) {
    if (header === '__metadata') continue;
    const specs = headerSpecs(header);
    const resolution = scalarText(get(pair.value, 'resolution')) ?? specs[0] ?? '';
    const version = scalarText(get(pair.value, 'version')) ?? '';
    const deps: string[] = [];
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, dep] of pairs(get(pair.value, field))) deps.push(`${name}@${scalarText(dep.value) ?? ''}`);
    }
    entries.push({ key: `${nameOf(resolution)}@${version}`, specs, deps });
  }
  return entries;
}

/** The manifest's roots, or null when it cannot scope the lockfile alone (workspaces, unreadable). */
export function manifestRoots(packageJson: string): Manifest | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageJson);
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return null;
  const m = manifest as Record<string, unknown>;
  if (m.workspaces !== undefined) return null;
  const specsOf = (field: string): string[] => {
    const deps = m[field];
    if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) return [];
    return Object.entries(deps).filter(([, range]) => typeof range === 'string').map(([name, range]) => `${name}@${range as string}`);
  };
  return { prod: [...specsOf('dependencies'), ...specsOf('optionalDependencies')], dev: specsOf('devDependencies') };
}

/** Every package key reachable from the given specs. */
function reach(roots: string[], bySpec: Map<string, Entry[]>, byKey: Map<string, Entry[]>): Set<string> {
  const seen = new Set<string>();
  const queue = roots.flatMap((spec) => bySpec.get(spec) ?? []).map((e) => e.key);
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const entry of byKey.get(key) ?? []) for (const dep of entry.deps) for (const target of bySpec.get(dep) ?? []) queue.push(target.key);
  }
  return seen;
}

/**
 * Sets `direct` and `dev` on the packages of a yarn.lock from its package.json. Returns the packages unchanged
 * when the manifest cannot scope them alone, or when a manifest dependency is missing from the lockfile (the two
 * are out of step: a guess would be wrong).
 */
export function scopeYarnPackages(packages: Package[], lockText: string, packageJson: string): Package[] {
  const roots = manifestRoots(packageJson);
  if (!roots) return packages;
  const berry = /^__metadata:/m.test(lockText);
  const entries = berry ? berryEntries(lockText) : v1Entries(lockText);
  if (!entries) return packages;
  const bySpec = new Map<string, Entry[]>();
  const byKey = new Map<string, Entry[]>();
  for (const e of entries) {
    for (const spec of e.specs) bySpec.set(spec, [...(bySpec.get(spec) ?? []), e]);
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  }
  // Berry writes registry ranges with their protocol (`lodash@npm:^4.17.21`); package.json does not.
  const asLocked = (spec: string): string => {
    if (!berry || bySpec.has(spec)) return spec;
    const range = rangeOfSpec(spec);
    return /^[a-z]+:/.test(range) ? spec : `${nameOf(spec)}@npm:${range}`;
  };
  const prodRoots = roots.prod.map(asLocked);
  const devRoots = roots.dev.map(asLocked);
  if ([...prodRoots, ...devRoots].some((spec) => !bySpec.has(spec))) return packages;
  const prod = reach(prodRoots, bySpec, byKey);
  const dev = reach(devRoots, bySpec, byKey);
  const direct = new Set([...prodRoots, ...devRoots].flatMap((spec) => bySpec.get(spec)!.map((e) => e.key)));
  return packages.map((p) => {
    const key = `${p.name}@${p.version}`;
    if (!prod.has(key) && !dev.has(key)) return p;
    return { ...p, direct: direct.has(key), dev: !prod.has(key) };
  });
}
