import { dirname, resolve } from 'node:path';
import { lstat } from 'node:fs/promises';
import { buildDirectoryChangeSet } from './changes/directoryChangeSet.js';
import { isInside, toRelative } from './changes/confine.js';
import { buildGitChangeSet } from './changes/gitChangeSet.js';
import { buildStagedChangeSet } from './changes/stagedChangeSet.js';
import { gitTopLevel } from './changes/git.js';
import type { Config, FailOn } from './config.js';
import { UserError } from './errors.js';
import type { ChangeSet, Report, ScanServices, Scanner, ScannerId } from './model.js';
import { loadConfig } from './policy/loadConfig.js';
import { readBaseline } from './policy/baseline.js';
import { loadCustomRules } from './rules/custom.js';
import { CUSTOM_RULES_SERVICE } from './rules/custom-service.js';
import { runScan, type RunOptions } from './run.js';
import { advisorySourceForRun } from './scanners/sca/sources/create.js';

export interface ScanOptions {
  /** Directory relative paths are resolved from; default process.cwd(). */
  cwd?: string;
  /** Files or directories to scan; default the current directory. */
  paths?: string[];
  /** Scan only what changed since the merge base of this ref and head (findings carry `new`). */
  base?: string;
  /** Head commit for `base`; default the working tree. */
  head?: string;
  /** Scan what is staged in the git index against HEAD (a pre-commit hook); excludes base/head. */
  staged?: boolean;
  /** A config file path, or a parsed Config; default .shiftguard.yml in the scanned root. */
  config?: string | Config;
  scanners?: ScannerId[];
  failOn?: FailOn;
  /** Overrides the config's failOnError: whether what could not be scanned fails the run. */
  failOnError?: boolean;
  /** Directory or zip of OSV records for offline SCA. */
  advisoryDb?: string;
  /** Services for the scanners (clock, log, advisory source); defaults are filled in. */
  services?: Partial<ScanServices>;
  /** Scanner implementations replacing the built-in ones. */
  scannerImpls?: Partial<Record<ScannerId, Scanner>>;
  /** A baseline file (relative to cwd); default the config's `baseline` (relative to the root); false = none. */
  baseline?: string | false;
}

/** The deepest directory containing every path (a file counts by its directory). */
async function commonDirectory(paths: string[]): Promise<string> {
  const dirs = await Promise.all(
    paths.map(async (p) => ((await lstat(p).catch(() => null))?.isDirectory() ? p : dirname(p))),
  );
  let common = dirs[0]!;
  while (!dirs.every((d) => isInside(common, d))) common = dirname(common);
  return common;
}

/**
 * The root findings are relative to: the repository containing cwd when every path lies in it (so
 * paths match what GitHub shows), else cwd, else the directory the paths share.
 */
async function scanRoot(cwd: string, absolutes: string[]): Promise<string> {
  const repo = await gitTopLevel(cwd);
  if (repo !== null && absolutes.every((p) => isInside(repo, p))) return repo;
  if (absolutes.every((p) => isInside(cwd, p))) return cwd;
  const common = await commonDirectory(absolutes);
  const top = await gitTopLevel(common);
  return top !== null && absolutes.every((p) => isInside(top, p)) ? top : common;
}

async function buildChangeSet(options: ScanOptions, cwd: string): Promise<{ changeSet: ChangeSet; paths: string[] }> {
  const absolutes = (options.paths?.length ? options.paths : ['.']).map((p) => resolve(cwd, p));
  if (options.staged) {
    if (options.base !== undefined || options.head !== undefined) throw new UserError('--staged cannot be combined with --base or --head');
    const root = await gitTopLevel(cwd);
    if (root === null) throw new UserError(`--staged needs a git repository: ${cwd} is not inside one`);
    const outside = absolutes.find((p) => !isInside(root, p));
    if (outside) throw new UserError(`path is outside the repository ${root}: ${outside}`);
    const paths = absolutes.map((p) => toRelative(root, p) || '.');
    return { changeSet: await buildStagedChangeSet({ root, paths }), paths };
  }
  if (options.base === undefined) {
    if (options.head !== undefined) throw new UserError('--head needs --base');
    const root = await scanRoot(cwd, absolutes);
    const changeSet = await buildDirectoryChangeSet({ root, paths: absolutes });
    return { changeSet, paths: absolutes.map((p) => toRelative(root, p)) };
  }
  const root = await gitTopLevel(cwd);
  if (root === null) throw new UserError(`--base needs a git repository: ${cwd} is not inside one`);
  const outside = absolutes.find((p) => !isInside(root, p));
  if (outside) throw new UserError(`path is outside the repository ${root}: ${outside}`);
  const paths = absolutes.map((p) => toRelative(root, p) || '.');
  const changeSet = await buildGitChangeSet({ root, base: options.base, head: options.head, paths });
  return { changeSet, paths };
}

/**
 * Everything `runScan` needs for `shiftguard scan`-style options: the change set (git or directory),
 * the config and the services. Throws UserError/ConfigError for what the caller can fix.
 */
export async function planScan(options: ScanOptions = {}): Promise<RunOptions> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { changeSet, paths } = await buildChangeSet(options, cwd);
  const config =
    typeof options.config === 'object'
      ? options.config
      : (await loadConfig({ root: changeSet.root, file: options.config === undefined ? undefined : resolve(cwd, options.config) })).config;
  const services: ScanServices = {
    now: () => new Date(),
    log: () => undefined,
    ...(options.advisoryDb !== undefined ? { advisoryDb: resolve(cwd, options.advisoryDb) } : {}),
    // One advisory source per run, so the head and base scans share its cache.
    advisorySource: advisorySourceForRun({
      advisoryDb: options.advisoryDb === undefined ? undefined : resolve(cwd, options.advisoryDb),
      root: changeSet.root,
      config: config.sca,
    }),
    ...options.services,
  };
  // The repository's own rules: validated now (exit 2 naming file and field), run by the scanners.
  const customRules = loadCustomRules(changeSet.root, config.customRules);
  if (customRules.length) services[CUSTOM_RULES_SERVICE] = customRules;
  const baselineFile =
    options.baseline === false
      ? undefined
      : options.baseline !== undefined
        ? { file: resolve(cwd, options.baseline), shown: options.baseline }
        : config.baseline !== undefined
          ? { file: resolve(changeSet.root, config.baseline), shown: config.baseline }
          : undefined;
  return {
    changeSet,
    config,
    services,
    ...(baselineFile ? { baseline: await readBaseline(baselineFile.file, baselineFile.shown) } : {}),
    paths,
    ...(options.scanners ? { scanners: options.scanners } : {}),
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.failOnError !== undefined ? { failOnError: options.failOnError } : {}),
    ...(options.scannerImpls ? { scannerImpls: options.scannerImpls } : {}),
  };
}

/**
 * Scans like `shiftguard scan` and returns the report its JSON output prints (plus rules and tool
 * metadata). Throws UserError/ConfigError for what the caller can fix; bad files land in `errors`.
 */
export async function scan(options: ScanOptions = {}): Promise<Report> {
  return runScan(await planScan(options));
}
