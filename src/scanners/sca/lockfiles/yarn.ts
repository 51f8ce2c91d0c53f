// yarn.lock: v1 (yarn classic, its own indentation format) and berry (yarn 2+, YAML with `__metadata`).
// The line of a package is the line of its header (`lodash@^4.17.15, lodash@^4.17.4:`).
// Entries resolved outside the registry (git, URLs, `file:`, `link:`, `portal:`) keep their version and say their
// origin, so that no advisory about registry releases is matched against them. Workspaces are the project itself.
import type { LockfileParseResult, Package } from '../types.js';
import { mergeDuplicates } from './merge.js';
import { get, pairs, parseYamlDoc, scalarText } from './yaml.js';
import { splitLines } from './text.js';

/** `name@range` (name may be scoped) -> name; an `npm:` alias resolves to the real package name. */
function nameOfSpec(spec: string): string {
  const at = spec.indexOf('@', 1);
  if (at === -1) return spec;
  const range = spec.slice(at + 1);
  if (range.startsWith('npm:')) {
    const real = range.slice(4);
    const realAt = real.indexOf('@', 1);
    if (realAt !== -1) return real.slice(0, realAt);
  }
  return spec.slice(0, at);
}

/** The range of `name@range` ('' without one). */
export function rangeOfSpec(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at === -1 ? '' : spec.slice(at + 1);
}

type Source = 'registry' | NonNullable<Package['origin']>;

/** Where a requested or resolved range points: the registry (semver ranges, tags, `npm:` aliases) or elsewhere. */
function sourceOfRange(range: string): Source {
  if (range.startsWith('npm:') || range === '') return 'registry';
  if (/^(link|portal|file|workspace):/.test(range)) return 'local';
  if (range.startsWith('patch:')) {
    // A patched package is its base package, spelled URI-encoded up to the `#` of the patch source.
    const base = range.slice('patch:'.length).split('#')[0] ?? '';
    try {
      return sourceOfRange(rangeOfSpec(decodeURIComponent(base)));
    } catch {
      return 'url';
    }
  }
  // git protocols and hosts (`git+ssh:`, `github:`, `https://github.com/a/b.git`), and `user/repo#ref` shorthands.
  if (/^(git[+:]|github:|gitlab:|bitbucket:)/.test(range) || /\.git(#|$)/.test(range) || /^[^@\s/:]+\/[^\s]+/.test(range)) return 'git';
  if (/^[a-z][a-z0-9+.-]*:/i.test(range)) return 'url';
  return 'registry';
}

function withOrigin(pkg: Package, source: Source): Package {
  if (source !== 'registry') pkg.origin = source;
  return pkg;
}

/** A berry package and its patched copy (two entries of one name@version from the registry) are one package. */
function mergeSame(out: Package[]): Package[] {
  return mergeDuplicates(out, (p, index) => (p.origin || p.version === '' ? `#${index}` : `${p.name}@${p.version}`));
}

export function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    return t.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return t;
}

/** Splits a header on commas outside double quotes. */
export function headerSpecs(header: string): string[] {
  const specs: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      specs.push(unquote(current));
      current = '';
    } else current += c;
  }
  if (current.trim()) specs.push(unquote(current));
  return specs;
}

export function parseYarnV1(text: string): LockfileParseResult {
  const lines = splitLines(text);
  const out: Package[] = [];
  let current: Package | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      if (!line.endsWith(':')) {
        return { packages: out, error: `yarn.lock v1: line ${i + 1} is neither an entry header nor a field` };
      }
      const first = headerSpecs(line.slice(0, -1))[0] ?? '';
      current = withOrigin({ name: nameOfSpec(first), version: '', ecosystem: 'npm', line: i + 1 }, sourceOfRange(rangeOfSpec(first)));
      out.push(current);
      continue;
    }
    if (!current) return { packages: out, error: `yarn.lock v1: indented line ${i + 1} outside an entry` };
    const field = /^ {2}version:? +(.+)$/.exec(line);
    if (field?.[1]) current.version = unquote(field[1]);
  }
  return { packages: mergeSame(out) };
}

export function parseYarnBerry(text: string): LockfileParseResult {
  const doc = parseYamlDoc(text);
  if ('error' in doc) return { packages: [], error: doc.error };
  const out: Package[] = [];
  for (const [key, pair] of pairs(doc.root)) {
    if (key === '__metadata') continue;
    const resolution = scalarText(get(pair.value, 'resolution')) ?? '';
    const spec = resolution || (headerSpecs(key)[0] ?? key);
    // The project and its workspaces are not dependencies.
    if (rangeOfSpec(spec).startsWith('workspace:')) continue;
    const version = scalarText(get(pair.value, 'version')) ?? '';
    out.push(withOrigin({ name: nameOfSpec(spec), version, ecosystem: 'npm', line: doc.lineOf(pair.key) }, sourceOfRange(rangeOfSpec(spec))));
  }
  return { packages: mergeSame(out) };
}

/** Berry lockfiles always carry `__metadata`; v1 lockfiles are not YAML and never do. */
export function parseYarnLock(text: string): LockfileParseResult {
  return /^__metadata:/m.test(text) ? parseYarnBerry(text) : parseYarnV1(text);
}
