// Gemfile.lock / gems.locked: sections GEM, GIT, PATH (and PLUGIN SOURCE) list resolved gems at four spaces of
// indent as `name (version[-platform])`; six spaces are their dependencies. DEPENDENCIES names the direct ones.
import type { LockfileParseResult, Package } from '../types.js';
import { mergeDuplicates } from './merge.js';
import { splitLines } from './text.js';

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const SPEC = /^ {4}([^\s(]+) \(([^)]+)\)$/;
/** Platform suffixes bundler appends to a version (`1.13.3-x86_64-linux`, `9.2.0-java`). */
const PLATFORM = /-(?:x86|x64|i[3-6]86|arm|aarch64|java|jruby|mswin|mingw|darwin|linux|universal|wasm|powerpc|ppc|sparc|s390|freebsd|openbsd|netbsd|solaris|mips|riscv|loongarch)/;

export function parseGemfileLock(text: string): LockfileParseResult {
  const out: Package[] = [];
  const direct = new Set<string>();
  let section = '';
  let inSpecs = false;
  splitLines(text).forEach((line, index) => {
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      inSpecs = false;
      return;
    }
    if (section === 'DEPENDENCIES') {
      const name = /^ {2}([^\s!(]+)/.exec(line)?.[1];
      if (name) direct.add(name);
      return;
    }
    if (!SOURCE_SECTIONS.has(section)) return;
    if (/^ {2}specs:\s*$/.test(line)) {
      inSpecs = true;
      return;
    }
    const spec = inSpecs ? SPEC.exec(line) : null;
    if (!spec?.[1] || !spec[2]) return;
    const platform = PLATFORM.exec(spec[2]);
    const version = platform ? spec[2].slice(0, platform.index) : spec[2];
    const pkg: Package = { name: spec[1], version, ecosystem: 'RubyGems', line: index + 1 };
    // GIT gems are built from a commit, PATH gems from a folder (often the repository's own gemspec).
    if (section === 'GIT') pkg.origin = 'git';
    else if (section === 'PATH') pkg.origin = 'local';
    out.push(pkg);
  });
  for (const pkg of out) pkg.direct = direct.has(pkg.name);
  // One gem locked for several platforms (`ffi (1.17.4-x86_64-linux)`, `ffi (1.17.4-arm64-darwin)`) is one
  // name@version from one source: reported once, on its first platform line.
  return { packages: mergeDuplicates(out, (p) => `${p.name}@${p.version}@${p.origin ?? ''}`) };
}
