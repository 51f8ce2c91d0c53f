// A small directory walker for `shiftguard deps`: files under a root, never following symlinks, skipping .git and
// node_modules and what .gitignore files (root and nested) exclude. Basics only: `#` comments, `!` negation,
// trailing `/` for directories, leading or inner `/` anchoring, globs via picomatch.
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import picomatch from 'picomatch';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

interface IgnoreRule {
  base: string;
  negate: boolean;
  dirOnly: boolean;
  match: (path: string) => boolean;
  anchored: boolean;
}

function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    rules.push({ base, negate, dirOnly, anchored, match: picomatch(line, { dot: true }) });
  }
  return rules;
}

/** Last matching rule wins, as in git. */
function ignored(rules: IgnoreRule[], relPath: string, isDir: boolean): boolean {
  let result = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.base && !relPath.startsWith(`${rule.base}/`)) continue;
    const local = rule.base ? relPath.slice(rule.base.length + 1) : relPath;
    const subject = rule.anchored ? local : posix.basename(local);
    if (rule.match(subject)) result = !rule.negate;
  }
  return result;
}

/** Root-relative (forward-slash) paths of the files under `root`, sorted. */
export async function walkFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string, inherited: IgnoreRule[]): Promise<void> => {
    const dir = rel ? join(root, rel) : root;
    const dirents = await readdir(dir, { withFileTypes: true });
    let rules = inherited;
    if (dirents.some((d) => d.isFile() && d.name === '.gitignore')) {
      rules = [...inherited, ...parseGitignore(await readFile(join(dir, '.gitignore'), 'utf8'), rel)];
    }
    for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(d.name) && !ignored(rules, path, true)) await visit(path, rules);
      } else if (d.isFile() && !ignored(rules, path, false)) out.push(path);
    }
  };
  await visit('', []);
  return out;
}
