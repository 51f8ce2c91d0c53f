// The TOML lockfiles of Python tools: poetry.lock, uv.lock, pdm.lock (`[[package]]`) and PEP 751 pylock.toml
// (`[[packages]]`). They differ only in where the dev marker lives and how the project itself is recorded.
import type { LockfileParseResult, Package } from '../types.js';
import { entriesWithLines, parseToml, text, type TomlTable } from './toml.js';

interface PythonTomlFormat {
  arrayName: 'package' | 'packages';
  /** true/false when the entry says, undefined when the format does not record it. */
  dev(entry: TomlTable): boolean | undefined;
  /** The project itself (uv's virtual/editable root) is not a dependency. */
  isProject?(entry: TomlTable): boolean;
  /** Where the entry comes from when not a package index (git, a local path, a direct URL). */
  origin(entry: TomlTable): Package['origin'];
}

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Origin from the keys of a source table (uv's `source`, pylock's package) or a type name (poetry's). */
function originByKey(keys: Iterable<string>): Package['origin'] {
  for (const key of keys) {
    if (key === 'git' || key === 'vcs') return 'git';
    if (key === 'path' || key === 'directory' || key === 'file' || key === 'editable') return 'local';
    if (key === 'url' || key === 'archive') return 'url';
  }
  return undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parsePythonToml(source: string, format: PythonTomlFormat): LockfileParseResult {
  const parsed = parseToml(source);
  if ('error' in parsed) return { packages: [], error: parsed.error };
  const out: Package[] = [];
  for (const { entry, line } of entriesWithLines(parsed.doc, source, format.arrayName)) {
    const name = text(entry.name);
    const version = text(entry.version) ?? '';
    if (!name || format.isProject?.(entry)) continue;
    const pkg: Package = { name, version, ecosystem: 'PyPI', line };
    const dev = format.dev(entry);
    if (dev !== undefined) pkg.dev = dev;
    const origin = format.origin(entry);
    if (origin) pkg.origin = origin;
    out.push(pkg);
  }
  return { packages: out };
}

export function parsePoetryLock(source: string): LockfileParseResult {
  return parsePythonToml(source, {
    arrayName: 'package',
    // poetry < 1.5 wrote `category = "dev"`; poetry 2 writes `groups = [...]` ("main" = runtime).
    dev: (entry) => {
      if (typeof entry.category === 'string') return entry.category === 'dev';
      const groups = stringList(entry.groups);
      return groups.length > 0 ? !groups.includes('main') : undefined;
    },
    // `[package.source] type = "git" | "directory" | "file" | "url"`; "legacy" is another package index.
    origin: (entry) => (isTable(entry.source) && typeof entry.source.type === 'string' ? originByKey([entry.source.type]) : undefined),
  });
}

export function parseUvLock(source: string): LockfileParseResult {
  return parsePythonToml(source, {
    arrayName: 'package',
    dev: () => undefined,
    isProject: (entry) => {
      const src = entry.source;
      return typeof src === 'object' && src !== null && ('virtual' in src || 'editable' in src);
    },
    // `source = { registry = ... }` for an index; `git`, `path`, `directory`, `url` otherwise.
    origin: (entry) => (isTable(entry.source) ? originByKey(Object.keys(entry.source)) : undefined),
  });
}

export function parsePdmLock(source: string): LockfileParseResult {
  return parsePythonToml(source, {
    arrayName: 'package',
    dev: (entry) => {
      const groups = stringList(entry.groups);
      return groups.length > 0 ? !groups.includes('default') : undefined;
    },
    // Index packages carry only files; VCS, local and URL ones a `git`, `path` or `url` key.
    origin: (entry) => originByKey(Object.keys(entry)),
  });
}

export function parsePylockToml(source: string): LockfileParseResult {
  // PEP 751: an index package has `sdist`/`wheels`; others one of `vcs`, `directory`, `archive`.
  return parsePythonToml(source, { arrayName: 'packages', dev: () => undefined, origin: (entry) => originByKey(Object.keys(entry)) });
}
