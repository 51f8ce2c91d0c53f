// requirements.txt `-r other.txt` includes, resolved through the repository's FileTree. An include is read only
// when it stays inside the repository (never `..` above the root, never absolute); cycles and deep chains stop.
import { posix } from 'node:path';
import type { FileTree } from '../../../model.js';
import { parseLockfile, type ParsedLockfile } from './index.js';

export interface IncludedLockfile {
  path: string;
  result: ParsedLockfile;
}

const MAX_INCLUDE_DEPTH = 16;

/** Repository-relative path of `include` written in `fromPath`, or null when it leaves the repository. */
export function resolveIncludePath(fromPath: string, include: string): string | null {
  if (include.startsWith('/') || /^[A-Za-z]:[\\/]/.test(include) || /^[a-z][a-z0-9+.-]*:\/\//i.test(include)) return null;
  const joined = posix.normalize(posix.join(posix.dirname(fromPath), include.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined;
}

/**
 * Follows the includes of an already parsed requirements file. Returns one entry per included file (each with
 * its own packages and lines); an include that leaves the repository, is missing or loops yields an entry whose
 * `error` names it, on the including file. `seen` holds paths already handled (shared across a run).
 */
export async function followIncludes(
  path: string,
  parsed: ParsedLockfile,
  tree: FileTree,
  seen: Set<string> = new Set([path]),
  depth = 0,
): Promise<IncludedLockfile[]> {
  const out: IncludedLockfile[] = [];
  const fail = (reason: string): void => {
    out.push({ path, result: { format: parsed.format, ecosystem: parsed.ecosystem, packages: [], error: reason } });
  };
  for (const include of parsed.includes ?? []) {
    const target = resolveIncludePath(path, include.path);
    if (target === null) {
      fail(`-r ${include.path} (line ${include.line}) points outside the repository: not read`);
      continue;
    }
    if (seen.has(target)) continue;
    seen.add(target);
    if (depth >= MAX_INCLUDE_DEPTH) {
      fail(`-r ${include.path} (line ${include.line}): includes nested deeper than ${MAX_INCLUDE_DEPTH}`);
      continue;
    }
    const bytes = await tree.read(target);
    if (bytes === null) {
      fail(`-r ${include.path} (line ${include.line}): ${target} not found`);
      continue;
    }
    const result = parseLockfile(target, new TextDecoder().decode(bytes), { format: 'requirements-txt' });
    if (!result) continue;
    out.push({ path: target, result });
    out.push(...(await followIncludes(target, result, tree, seen, depth + 1)));
  }
  return out;
}
