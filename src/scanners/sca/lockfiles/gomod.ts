// go.mod (go.sum is ignored: it lists hashes of everything ever considered, not the build list). Versions lose
// their leading `v`, as OSV's Go records write them. The `go` directive yields the synthetic `stdlib` package,
// as osv-scanner/scalibr report it, so standard-library advisories reach the module (the `toolchain`
// directive, when present, is the more precise version and wins).
import type { LockfileParseResult, Package } from '../types.js';
import { splitLines } from './text.js';

const DIRECTIVES = new Set(['module', 'go', 'toolchain', 'require', 'exclude', 'replace', 'retract', 'godebug', 'tool', 'ignore']);

interface Replacement {
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
  line: number;
}

function stripComment(line: string): { text: string; comment: string } {
  const at = line.indexOf('//');
  return at === -1 ? { text: line.trim(), comment: '' } : { text: line.slice(0, at).trim(), comment: line.slice(at + 2).trim() };
}

function unquote(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

function bare(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

export function parseGoMod(text: string): LockfileParseResult {
  const requires: Package[] = [];
  const replaces = new Map<string, Replacement[]>();
  let goVersion: { version: string; line: number } | undefined;
  let toolchain: string | undefined;
  let block: string | undefined;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const { text: content, comment } = stripComment(lines[i] ?? '');
    if (!content) continue;
    if (block !== undefined) {
      if (content === ')') {
        block = undefined;
        continue;
      }
    }
    let verb = block;
    let args = content.split(/\s+/).map(unquote);
    if (verb === undefined) {
      verb = args[0] ?? '';
      if (!DIRECTIVES.has(verb)) return { packages: [], error: `go.mod: unknown directive "${verb.slice(0, 40)}" at line ${i + 1}` };
      args = args.slice(1);
      if (args[0] === '(' && args.length === 1) {
        block = verb;
        continue;
      }
    }
    if (verb === 'go' && args[0]) goVersion = { version: args[0], line: i + 1 };
    else if (verb === 'toolchain' && args[0]?.startsWith('go')) toolchain = args[0].slice(2);
    else if (verb === 'require' && args[0] && args[1]) {
      requires.push({ name: args[0], version: bare(args[1]), ecosystem: 'Go', line: i + 1, direct: !/\bindirect\b/.test(comment) });
    } else if (verb === 'replace') {
      const arrow = args.indexOf('=>');
      const oldPath = args[0];
      const newPath = args[arrow + 1];
      if (arrow < 1 || !oldPath || !newPath) return { packages: [], error: `go.mod: malformed replace at line ${i + 1}` };
      const list = replaces.get(oldPath) ?? [];
      list.push({ oldVersion: arrow === 2 ? args[1] : undefined, newPath, newVersion: args[arrow + 2], line: i + 1 });
      replaces.set(oldPath, list);
    }
  }
  if (block !== undefined) return { packages: [], error: `go.mod: unterminated ${block} block` };
  const out: Package[] = [];
  for (const pkg of requires) {
    const rules = replaces.get(pkg.name) ?? [];
    const rule = rules.find((r) => r.oldVersion !== undefined && bare(r.oldVersion) === pkg.version) ?? rules.find((r) => r.oldVersion === undefined);
    if (!rule) out.push(pkg);
    // A replacement by a local directory is the project's own code: no registry module to report.
    else if (rule.newVersion !== undefined) out.push({ ...pkg, name: rule.newPath, version: bare(rule.newVersion), line: rule.line });
  }
  if (goVersion) out.push({ name: 'stdlib', version: toolchain ?? goVersion.version, ecosystem: 'Go', line: goVersion.line });
  return { packages: out };
}
