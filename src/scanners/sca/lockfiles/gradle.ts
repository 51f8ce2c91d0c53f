// gradle.lockfile: one `group:artifact:version=configuration,...` line per resolved module. Lines that do not
// have that shape (comments, `empty=`, hand edits) are skipped, as Gradle itself ignores them.
import type { LockfileParseResult, Package } from '../types.js';
import { splitLines } from './text.js';

const ENTRY = /^([^\s:#=]+):([^\s:=]+):([^\s:=]+)=(.*)$/;

export function parseGradleLockfile(text: string): LockfileParseResult {
  const out: Package[] = [];
  splitLines(text).forEach((raw, index) => {
    const match = ENTRY.exec(raw.trim());
    if (!match?.[1] || !match[2] || !match[3]) return;
    const configurations = (match[4] ?? '').split(',').filter(Boolean);
    const pkg: Package = { name: `${match[1]}:${match[2]}`, version: match[3], ecosystem: 'Maven', line: index + 1 };
    // Modules only on test classpaths are development-only.
    if (configurations.length > 0) pkg.dev = configurations.every((c) => /^test/i.test(c));
    out.push(pkg);
  });
  return { packages: out };
}
