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
  });
}

export function parsePdmLock(source: string): LockfileParseResult {
  return parsePythonToml(source, {
    arrayName: 'package',
    dev: (entry) => {
      const groups = stringList(entry.groups);
      return groups.length > 0 ? !groups.includes('default') : undefined;
    },
  });
}

export function parsePylockToml(source: string): LockfileParseResult {
  return parsePythonToml(source, { arrayName: 'packages', dev: () => undefined });
}
