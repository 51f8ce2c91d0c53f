// `shiftguard deps [PATH...] [--format json|cyclonedx] [--output FILE]`: every package in the lockfiles under the
// paths, as JSON or a CycloneDX 1.5 SBOM. How users and other tools see what the SCA scanner parsed.
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildCycloneDx, type SbomPackage } from '../report/cyclonedx.js';
import { parseLockfiles, selectLockfiles, type ParsedFile } from './deps/collect.js';
import { DirTree } from './deps/dirTree.js';
import { walkFiles } from './deps/walk.js';

export interface DepsIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** shiftguard's version, for the SBOM's tool entry. */
  version: string;
}

export interface DepsOutput {
  packages: SbomPackage[];
  errors: Array<{ path: string; reason: string }>;
}

interface DepsArgs {
  paths: string[];
  format: 'json' | 'cyclonedx';
  output?: string;
}

const USAGE = 'usage: shiftguard deps [PATH...] [--format json|cyclonedx] [--output FILE]';

export function parseDepsArgs(args: string[]): DepsArgs | { error: string } {
  const out: DepsArgs = { paths: [], format: 'json' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s) as [string, string | undefined]) : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'json' && format !== 'cyclonedx') return { error: `--format must be json or cyclonedx, not ${format ?? 'nothing'}` };
      out.format = format;
    } else if (flag === '--output') {
      const file = value();
      if (!file) return { error: '--output needs a file' };
      out.output = file;
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else out.paths.push(arg);
  }
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}

/** Lockfiles of one PATH argument (a directory walked, or a single file), with display paths as the user wrote them. */
async function collectPath(cwd: string, arg: string): Promise<ParsedFile[]> {
  const absolute = resolve(cwd, arg);
  const info = await stat(absolute);
  const root = info.isDirectory() ? absolute : dirname(absolute);
  const files = info.isDirectory() ? await walkFiles(root) : [basename(absolute)];
  // A single file is walked as its folder holding only it, so the folder-name fallback applies to it too.
  const jobs = selectLockfiles(files, basename(root));
  const parsed = await parseLockfiles(new DirTree(root), jobs);
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
          direct: p.direct ?? null, dev: p.dev ?? null, ...(p.license ? { license: p.license } : {}),
        });
      }
    }
  }
  return output;
}

/** Exit code: 0 done (parse errors are listed in the output, and counted on stderr), 2 usage or fatal error. */
export async function runDeps(args: string[], io: DepsIO): Promise<number> {
  const parsed = parseDepsArgs(args);
  if ('error' in parsed) {
    io.stderr(`shiftguard deps: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const deps = await collectDeps(io.cwd, parsed.paths);
  const document = parsed.format === 'json' ? deps : buildCycloneDx(deps.packages, { toolVersion: io.version });
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (parsed.output) {
    try {
      await writeFile(resolve(io.cwd, parsed.output), text);
    } catch (err) {
      io.stderr(`shiftguard deps: cannot write ${parsed.output}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  } else io.stdout(text);
  if (deps.errors.length > 0 && parsed.format === 'json') {
    io.stderr(`shiftguard deps: ${deps.errors.length} file(s) could not be parsed (listed under "errors")\n`);
  } else {
    // A CycloneDX document has no place for them: they go to stderr, one per line.
    for (const e of deps.errors) io.stderr(`shiftguard deps: ${e.path}: ${e.reason}\n`);
  }
  return 0;
}
