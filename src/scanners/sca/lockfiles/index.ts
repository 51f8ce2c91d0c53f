// The registry of lockfile parsers: an explicit list, one entry per format, detected by canonical basename.
// Parsers are pure (text in, packages out); nothing here reads files or runs a package manager.
import type { Ecosystem, LockfileParseResult } from '../types.js';
import { parseBunLock } from './bun.js';
import { parseCargoLock } from './cargo.js';
import { parseComposerLock } from './composer.js';
import { parseGemfileLock } from './gemfile.js';
import { parseGoMod } from './gomod.js';
import { parseGradleLockfile } from './gradle.js';
import { parseMixLock } from './mix.js';
import { parsePackageLock } from './npm.js';
import { parseNugetLock } from './nuget.js';
import { parsePipfileLock } from './pipfile.js';
import { parsePnpmLock } from './pnpm.js';
import { parsePomXml } from './pom.js';
import { parsePubspecLock } from './pubspec.js';
import { parsePdmLock, parsePoetryLock, parsePylockToml, parseUvLock } from './python-toml.js';
import { parseRequirementsTxt, type RequirementsInclude } from './requirements.js';
import { reasonOf } from './text.js';
import { parseYarnLock } from './yarn.js';

export const LOCKFILE_FORMATS = [
  'package-lock', 'yarn-lock', 'pnpm-lock', 'bun-lock', 'requirements-txt', 'pipfile-lock', 'poetry-lock',
  'uv-lock', 'pdm-lock', 'pylock-toml', 'go-mod', 'cargo-lock', 'gemfile-lock', 'composer-lock', 'pom-xml',
  'gradle-lockfile', 'nuget-packages-lock-json', 'pubspec-lock', 'mix-lock',
] as const;
export type LockfileFormat = (typeof LOCKFILE_FORMATS)[number];

export interface LockfileParser {
  format: LockfileFormat;
  ecosystem: Ecosystem;
  /** Canonical file names: matched on the basename, with the full path for formats that need it. */
  matches(basename: string, path: string): boolean;
  parse(text: string): LockfileParseResult & { includes?: RequirementsInclude[] };
}

const named = (...names: string[]) => (basename: string) => names.includes(basename);

export const LOCKFILE_PARSERS: readonly LockfileParser[] = [
  { format: 'package-lock', ecosystem: 'npm', matches: named('package-lock.json', 'npm-shrinkwrap.json'), parse: parsePackageLock },
  { format: 'yarn-lock', ecosystem: 'npm', matches: named('yarn.lock'), parse: parseYarnLock },
  { format: 'pnpm-lock', ecosystem: 'npm', matches: named('pnpm-lock.yaml'), parse: parsePnpmLock },
  { format: 'bun-lock', ecosystem: 'npm', matches: named('bun.lock'), parse: parseBunLock },
  // requirements.txt, requirements-dev.txt, dev-requirements.txt, and any .txt in a requirements/ folder.
  { format: 'requirements-txt', ecosystem: 'PyPI', matches: (b, p) => /requirements.*\.txt$/.test(b) || /(^|\/)requirements\/[^/]+\.txt$/.test(p), parse: parseRequirementsTxt },
  { format: 'pipfile-lock', ecosystem: 'PyPI', matches: named('Pipfile.lock'), parse: parsePipfileLock },
  { format: 'poetry-lock', ecosystem: 'PyPI', matches: named('poetry.lock'), parse: parsePoetryLock },
  { format: 'uv-lock', ecosystem: 'PyPI', matches: named('uv.lock'), parse: parseUvLock },
  { format: 'pdm-lock', ecosystem: 'PyPI', matches: named('pdm.lock'), parse: parsePdmLock },
  // PEP 751: pylock.toml or pylock.<name>.toml.
  { format: 'pylock-toml', ecosystem: 'PyPI', matches: (b) => /^pylock\.([^.]+\.)?toml$/.test(b), parse: parsePylockToml },
  { format: 'go-mod', ecosystem: 'Go', matches: named('go.mod'), parse: parseGoMod },
  { format: 'cargo-lock', ecosystem: 'crates.io', matches: named('Cargo.lock'), parse: parseCargoLock },
  { format: 'gemfile-lock', ecosystem: 'RubyGems', matches: named('Gemfile.lock', 'gems.locked'), parse: parseGemfileLock },
  { format: 'composer-lock', ecosystem: 'Packagist', matches: named('composer.lock'), parse: parseComposerLock },
  { format: 'pom-xml', ecosystem: 'Maven', matches: named('pom.xml'), parse: parsePomXml },
  { format: 'gradle-lockfile', ecosystem: 'Maven', matches: named('gradle.lockfile'), parse: parseGradleLockfile },
  { format: 'nuget-packages-lock-json', ecosystem: 'NuGet', matches: named('packages.lock.json'), parse: parseNugetLock },
  { format: 'pubspec-lock', ecosystem: 'Pub', matches: named('pubspec.lock'), parse: parsePubspecLock },
  { format: 'mix-lock', ecosystem: 'Hex', matches: named('mix.lock'), parse: parseMixLock },
];

/**
 * Names other than our format ids under which a format is known: the folders of the osv-scalibr corpus
 * (../shared/corpora/lockfiles), where file names are upstream's fixture names.
 */
export const FORMAT_ALIASES: Readonly<Record<string, LockfileFormat>> = {
  'npm-package-lock-v1': 'package-lock', 'npm-package-lock-v2': 'package-lock', 'npm-package-lock-v3': 'package-lock',
  'yarn-v1': 'yarn-lock', 'yarn-berry': 'yarn-lock',
  'pnpm-v5': 'pnpm-lock', 'pnpm-v6': 'pnpm-lock', 'pnpm-v9': 'pnpm-lock',
};

/** A format id or alias -> the format, or undefined. */
export function resolveFormat(name: string): LockfileFormat | undefined {
  if ((LOCKFILE_FORMATS as readonly string[]).includes(name)) return name as LockfileFormat;
  // Own keys only: a folder named `constructor` or `toString` is no format.
  return Object.hasOwn(FORMAT_ALIASES, name) ? FORMAT_ALIASES[name] : undefined;
}

function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** The parser for a path by its canonical basename, or undefined when it is no lockfile we know. */
export function detectLockfile(path: string): LockfileParser | undefined {
  const normalized = path.replace(/\\/g, '/');
  const base = basename(normalized);
  return LOCKFILE_PARSERS.find((p) => p.matches(base, normalized));
}

export function parserFor(format: LockfileFormat): LockfileParser {
  const parser = LOCKFILE_PARSERS.find((p) => p.format === format);
  if (!parser) throw new Error(`no parser registered for ${format}`);
  return parser;
}

/** Bigger than any real lockfile (the largest npm ones are ~30 MB). */
export const MAX_LOCKFILE_CHARS = 64 * 1024 * 1024;

export interface ParsedLockfile extends LockfileParseResult {
  format: LockfileFormat;
  ecosystem: Ecosystem;
  /** requirements.txt `-r` includes, for the caller to resolve inside the repository. */
  includes?: RequirementsInclude[];
}

/**
 * Parses one lockfile. The format comes from `options.format` or the basename; undefined when neither names a
 * format. Malformed or hostile input yields `error`, never an exception.
 */
export function parseLockfile(path: string, text: string, options: { format?: LockfileFormat } = {}): ParsedLockfile | undefined {
  const parser = options.format ? parserFor(options.format) : detectLockfile(path);
  if (!parser) return undefined;
  const base = { format: parser.format, ecosystem: parser.ecosystem };
  if (text.length > MAX_LOCKFILE_CHARS) {
    return { ...base, packages: [], error: `file larger than ${MAX_LOCKFILE_CHARS / 1024 / 1024} MB` };
  }
  try {
    return { ...base, ...parser.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    // A library parser that still overflows the stack or throws on odd input: the file is reported, not lost.
    return { ...base, packages: [], error: `${parser.format} parser failed: ${reasonOf(err)}` };
  }
}
