// Which files under the `deps` paths are lockfiles, and their packages. Detection is by canonical basename.
// Fallback, for trees of fixtures named by format (like ../shared/corpora/lockfiles, whose files keep their
// upstream names): in a directory named after a format (`cargo-lock`, `pnpm-v9`...) that holds no file with a
// canonical lockfile name, every file except the manifests that sit beside lockfiles is parsed in that format.
// No other content sniffing: an arbitrary JSON or YAML file is never guessed to be a lockfile.
import { posix } from 'node:path';
import type { FileTree } from '../../model.js';
import { detectLockfile, parserFor, resolveFormat, type LockfileFormat, type ParsedLockfile } from '../../scanners/sca/lockfiles/index.js';
import { parseLockfileInTree } from '../../scanners/sca/lockfiles/tree.js';

/**
 * Manifests that live beside lockfiles and are not lockfiles themselves, also under fixture-style names that
 * prefix the canonical one (`generated-vulnerable.package.json`).
 */
const MANIFESTS = new Set([
  'package.json', 'Cargo.toml', 'pyproject.toml', 'Pipfile', 'Gemfile', 'gems.rb', 'composer.json', 'go.sum',
  'pubspec.yaml', 'mix.exs', 'build.gradle', 'build.gradle.kts', 'README.md', 'LICENSE',
]);

function isManifest(base: string): boolean {
  if (MANIFESTS.has(base)) return true;
  for (const m of MANIFESTS) if (base.endsWith(`.${m}`)) return true;
  return false;
}

export interface LockfileJob {
  path: string;
  format: LockfileFormat;
}

/** Picks the lockfiles among root-relative file paths; `rootName` is the walked directory's own name. */
export function selectLockfiles(files: string[], rootName = ''): LockfileJob[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = posix.dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const jobs: LockfileJob[] = [];
  for (const [dir, dirFiles] of byDir) {
    const canonical = dirFiles.filter((f) => detectLockfile(f));
    for (const file of canonical) jobs.push({ path: file, format: detectLockfile(file)?.format as LockfileFormat });
    const folderFormat = resolveFormat(dir === '.' ? rootName : posix.basename(dir));
    if (canonical.length > 0 || !folderFormat) continue;
    for (const file of dirFiles) {
      if (!isManifest(posix.basename(file))) jobs.push({ path: file, format: folderFormat });
    }
  }
  return jobs.sort((a, b) => a.path.localeCompare(b.path));
}

export interface ParsedFile {
  path: string;
  result: ParsedLockfile;
}

/** Parses the selected lockfiles of one tree, following requirements includes and pom parents inside it. */
export async function parseLockfiles(tree: FileTree, jobs: LockfileJob[]): Promise<ParsedFile[]> {
  const out: ParsedFile[] = [];
  const seen = new Set(jobs.map((j) => j.path));
  for (const job of jobs) {
    const bytes = await tree.read(job.path);
    if (bytes === null) {
      // Listed by the walk but unreadable here (a symlink leaving the root, a race): said, never dropped.
      const { ecosystem } = parserFor(job.format);
      out.push({ path: job.path, result: { format: job.format, ecosystem, packages: [], error: 'cannot be read (missing, or a symlink leaving the scanned root)' } });
      continue;
    }
    const text = new TextDecoder().decode(bytes);
    out.push(...(await parseLockfileInTree(job.path, text, tree, { format: job.format, seen })));
  }
  return out;
}
