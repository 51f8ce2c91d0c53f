import { readFile, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ALWAYS_SKIPPED_DIRS } from './workTree.js';

interface Scope {
  /** Directory (root-relative, '' = root) the .gitignore lives in; its patterns are relative to it. */
  base: string;
  rules: Ignore;
}

async function loadScope(root: string, dir: string): Promise<Scope | null> {
  try {
    const text = await readFile(join(root, dir, '.gitignore'), 'utf8');
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return null;
  }
}

function ignoredBy(scopes: Scope[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const rel = scope.base === '' ? path : posix.relative(scope.base, path);
    const result = scope.rules.test(isDir ? `${rel}/` : rel);
    // Deeper .gitignore files override shallower ones, as in git.
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Lists files under `start` (root-relative directory) outside a git repository, honouring every
 * .gitignore from the root down, as git would. Symlinks are returned as paths; the caller decides
 * whether they may be followed. Directory symlinks are never descended into.
 */
export async function walkWithGitignore(root: string, start: string): Promise<string[]> {
  const scopes: Scope[] = [];
  const parts = start === '' ? [] : start.split('/');
  for (let i = 0; i < parts.length; i++) {
    const scope = await loadScope(root, parts.slice(0, i).join('/'));
    if (scope) scopes.push(scope);
  }
  const out: string[] = [];
  const walk = async (dir: string, inherited: Scope[]): Promise<void> => {
    const own = await loadScope(root, dir);
    const active = own ? [...inherited, own] : inherited;
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      if (ignoredBy(active, path, isDir)) continue;
      if (isDir) await walk(path, active);
      else out.push(path);
    }
  };
  await walk(start, scopes);
  return out;
}
