// `shiftguard deps [PATH...] [--format json|cyclonedx] [--output FILE]`: every package in the lockfiles under the
// paths, as JSON or a CycloneDX 1.5 SBOM. How users and other tools see what the SCA scanner parsed.
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { walkWithGitignore } from '../changes/walkIgnored.js';
import { WorkTree } from '../changes/workTree.js';
import { UserError } from '../errors.js';
import { buildCycloneDx, type SbomPackage } from '../report/cyclonedx.js';
import { toolInfo } from '../version.js';
import { oneOf, parsingArgs } from './args.js';
import { parseLockfiles, selectLockfiles, type ParsedFile } from './deps/collect.js';
import type { Command } from './types.js';

export interface DepsOutput {
  packages: SbomPackage[];
  errors: Array<{ path: string; reason: string }>;
}

const usage = `Usage: shiftguard deps [PATH...] [--format json|cyclonedx] [--output FILE]

Lists every package of the lockfiles found under each PATH (default: .), walking directories with
.gitignore honoured. Lockfiles are recognised by their canonical names (package-lock.json, yarn.lock,
pnpm-lock.yaml, bun.lock, *requirements*.txt, Pipfile.lock, poetry.lock, uv.lock, pdm.lock, pylock.toml,
go.mod, Cargo.lock, Gemfile.lock, composer.lock, pom.xml, gradle.lockfile, packages.lock.json,
pubspec.lock, mix.lock); in a folder named after a format (cargo-lock, pnpm-v9, ...) that holds none of
those names, every file but the manifests is read in that format.

  --format json       {"packages": [{path, line, ecosystem, name, version, direct, dev, installPath?, license?, origin?}],
                       "errors": [{path, reason}]}; installPath where the lockfile has one (npm, bun); origin
                       (git|local|url) for packages resolved outside the registry, which advisories skip
  --format cyclonedx  a CycloneDX 1.5 JSON SBOM: one component per purl (and per nested npm/bun copy),
                      lockfiles as evidence
  --output FILE       write there instead of stdout

Files that cannot be parsed are listed under "errors" (JSON) or on stderr (CycloneDX); the exit code
stays 0. Exit 2: usage error.`;

/** Lockfiles of one PATH argument (a directory walked, or a single file), with display paths as the user wrote them. */
async function collectPath(cwd: string, arg: string): Promise<ParsedFile[]> {
  const absolute = resolve(cwd, arg);
  const info = await stat(absolute);
  const root = info.isDirectory() ? absolute : dirname(absolute);
  const files = info.isDirectory() ? (await walkWithGitignore(root, '')).sort() : [basename(absolute)];
  // The walked directory's own name counts for the format-folder fallback (`deps corpora/cargo-lock`, or a
  // single file inside such a folder).
  const parsed = await parseLockfiles(new WorkTree(root), selectLockfiles(files, basename(root)));
  const shown = (path: string) => relative(cwd, join(root, path)).split('\\').join('/') || '.';
  return parsed.map((p) => ({ ...p, path: shown(p.path) }));
}

export async function collectDeps(cwd: string, paths: string[]): Promise<DepsOutput> {
  const output: DepsOutput = { packages: [], errors: [] };
  for (const arg of paths) {
    let files: ParsedFile[];
    try {
      files = await collectPath(cwd, arg);
    } catch (err) {
      output.errors.push({ path: arg, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const { path, result } of files) {
      if (result.error) output.errors.push({ path, reason: result.error });
      for (const p of result.packages) {
        output.packages.push({
          path, line: p.line, ecosystem: p.ecosystem, name: p.name, version: p.version,
          direct: p.direct ?? null, dev: p.dev ?? null,
          ...(p.installPath !== undefined ? { installPath: p.installPath } : {}), ...(p.license ? { license: p.license } : {}),
          ...(p.origin ? { origin: p.origin } : {}),
        });
      }
    }
  }
  return output;
}

export const depsCommand: Command = {
  name: 'deps',
  summary: 'list the packages of the lockfiles under PATH (JSON or CycloneDX SBOM)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('deps', () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          format: { type: 'string', default: 'json' },
          output: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const format = oneOf('--format', values.format, ['json', 'cyclonedx'] as const);
    const deps = await collectDeps(io.cwd, positionals.length ? positionals : ['.']);
    const document = format === 'json' ? deps : buildCycloneDx(deps.packages, { toolVersion: toolInfo().version });
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (values.output) {
      try {
        await writeFile(resolve(io.cwd, values.output), text);
      } catch (err) {
        throw new UserError(`deps: cannot write ${values.output}: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else io.stdout.write(text);
    if (format === 'json') {
      if (deps.errors.length) io.stderr.write(`shiftguard deps: ${deps.errors.length} file(s) could not be parsed (listed under "errors")\n`);
    } else {
      // A CycloneDX document has no place for them: one line each on stderr.
      for (const e of deps.errors) io.stderr.write(`shiftguard deps: ${e.path}: ${e.reason}\n`);
    }
    return 0;
  },
};
