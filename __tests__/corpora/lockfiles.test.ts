// Lockfile parsers against the osv-scalibr fixtures of ../shared/corpora/lockfiles: (name, version) multisets
// and, where upstream asserts them, lines. Folder name = format (file names are upstream's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDeps } from '../../src/commands/deps.js';
import { parseLockfile, resolveFormat } from '../../src/scanners/sca/lockfiles/index.js';
import { parseLockfileInTree } from '../../src/scanners/sca/lockfiles/tree.js';
import type { Package } from '../../src/scanners/sca/types.js';
import { corporaDir } from '../helpers/corpora.js';
import { memoryTree } from '../helpers/memory-tree.js';

interface Expected {
  ecosystem: string;
  error: boolean;
  packages: Array<{ name: string; version: string; line?: number }>;
  source?: { repo?: string };
}

/**
 * Deliberate divergences from upstream's expectations, each with its reason. Keyed by fixture; `missing` are
 * expected packages we do not report.
 */
const DIVERGENCES: Record<string, { missing: string[]; reason: string }> = {
  'pom-xml/with-parent.xml': {
    missing: ['org.dave:dave@4.0.0'],
    reason:
      'org.dave:dave is declared only in the parent POM (upstream testdata/parent/pom.xml, reached by ' +
      '<relativePath>), which is not part of this corpus; parseLockfileInTree folds parents found inside the ' +
      'repository in (the next test shows the fixture complete with a stand-in parent), parseLockfile reads one file',
  },
};

/**
 * The corpus holds two conventions (README): expectations taken from osv-scalibr's tests list each name@version
 * (per commit) once per file, since scalibr merges installed copies; expectations computed by the corpus list
 * every install (every `packages` key). We report every installed copy, so against an upstream expectation the
 * copies beyond the number upstream lists of a name@version it does list are further install places, counted
 * apart; anything else we report more is an extra.
 */
const mergesCopies = (want: Expected) => want.source?.repo === 'google/osv-scalibr';

function foldCopies(got: string[], want: string[], merged: boolean): { kept: string[]; copies: number } {
  if (!merged) return { kept: got, copies: 0 };
  const left = new Map<string, number>();
  for (const k of want) left.set(k, (left.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  const kept: string[] = [];
  let copies = 0;
  for (const k of got) {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    const allowed = left.get(k);
    if (allowed !== undefined && n > allowed) copies++;
    else kept.push(k);
  }
  return { kept, copies };
}

interface Stats {
  expected: number;
  found: number;
  divergent: number;
  extra: number;
  lines: number;
  linesOk: number;
  errors: number;
  errorsOk: number;
  copies: number;
}
const emptyStats = (): Stats => ({ expected: 0, found: 0, divergent: 0, extra: 0, lines: 0, linesOk: 0, errors: 0, errorsOk: 0, copies: 0 });

const key = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

function multisetDiff(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** Expected lines must each be matched by a found package with the same name, version and line. */
function lineMisses(expected: Expected['packages'], found: Package[]): string[] {
  const pool = found.map((p) => `${key(p)}#${p.line}`);
  return multisetDiff(expected.filter((p) => p.line !== undefined).map((p) => `${key(p)}#${p.line}`), pool);
}

describe('lockfile corpus (osv-scalibr fixtures)', () => {
  const dir = join(corporaDir(), 'lockfiles');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

  it('finds every expected package, on the expected line, per format', () => {
    const perFormat = new Map<string, Stats>();
    const problems: string[] = [];
    for (const [fixture, want] of Object.entries(expected)) {
      const folder = fixture.split('/')[0] ?? '';
      const format = resolveFormat(folder);
      if (!format) throw new Error(`no format for corpus folder ${folder}`);
      const result = parseLockfile(fixture, readFileSync(join(dir, fixture), 'utf8'), { format });
      if (!result) throw new Error(`unparsed ${fixture}`);
      const stats = perFormat.get(folder) ?? emptyStats();
      perFormat.set(folder, stats);
      if (want.error) {
        stats.errors++;
        if (result.error) stats.errorsOk++;
        else problems.push(`${fixture}: expected an error, got ${result.packages.length} packages`);
        continue;
      }
      if (result.error) problems.push(`${fixture}: unexpected error ${result.error}`);
      if (result.packages.some((p) => p.ecosystem !== want.ecosystem)) problems.push(`${fixture}: wrong ecosystem`);
      const divergence = DIVERGENCES[fixture];
      const wantKeys = multisetDiff(want.packages.map(key), divergence?.missing ?? []);
      const { kept: gotKeys, copies } = foldCopies(result.packages.map(key), wantKeys, mergesCopies(want));
      stats.copies += copies;
      const missing = multisetDiff(wantKeys, gotKeys);
      const extra = multisetDiff(gotKeys, wantKeys);
      const skip = [...(divergence?.missing ?? [])];
      const wantLines = want.packages.filter((p) => {
        const at = skip.indexOf(key(p));
        if (at !== -1) skip.splice(at, 1);
        return at === -1;
      });
      const badLines = lineMisses(wantLines, result.packages);
      stats.expected += want.packages.length;
      stats.found += wantKeys.length - missing.length;
      stats.divergent += want.packages.length - wantKeys.length;
      stats.extra += extra.length;
      stats.lines += wantLines.filter((p) => p.line !== undefined).length;
      stats.linesOk += wantLines.filter((p) => p.line !== undefined).length - badLines.length;
      if (missing.length) problems.push(`${fixture}: missing ${missing.join(', ')}`);
      if (extra.length) problems.push(`${fixture}: extra ${extra.join(', ')}`);
      if (badLines.length && !missing.length) {
        const got = result.packages.map((p) => `${key(p)}#${p.line}`).join(', ');
        problems.push(`${fixture}: wrong lines for ${badLines.join(', ')} (got ${got})`);
      }
    }
    const totals = emptyStats();
    const rows = [...perFormat].map(([folder, s]) => {
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += s[k];
      const divergent = s.divergent ? ` (${s.divergent} divergent)` : '';
      const copies = s.copies ? ` (+${s.copies} further installed copies upstream merges)` : '';
      return `${folder.padEnd(26)} packages ${s.found}/${s.expected}${divergent} (+${s.extra} extra)${copies}  lines ${s.linesOk}/${s.lines}  errors ${s.errorsOk}/${s.errors}`;
    });
    const pct = (a: number, b: number) => (b === 0 ? '100.0' : ((100 * a) / b).toFixed(1));
    console.log(
      [
        'lockfile corpus: found vs expected',
        ...rows,
        `OVERALL packages ${totals.found}/${totals.expected} (${pct(totals.found, totals.expected)} %; ` +
          `${pct(totals.found, totals.expected - totals.divergent)} % of the non-divergent ${totals.expected - totals.divergent}), extra ${totals.extra}, ` +
          `further installed copies of packages upstream lists once ${totals.copies}, ` +
          `lines ${totals.linesOk}/${totals.lines} (${pct(totals.linesOk, totals.lines)} %), malformed files flagged ${totals.errorsOk}/${totals.errors}`,
        ...Object.entries(DIVERGENCES).map(([f, d]) => `divergence ${f}: not reporting ${d.missing.join(', ')} — ${d.reason}`),
        ...problems.map((p) => `PROBLEM ${p}`),
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(totals.found + totals.divergent).toBe(totals.expected);
    expect(totals.errorsOk).toBe(totals.errors);
  });

  it('pom-xml/with-parent.xml with its parent POM beside it (a stand-in we write) yields every expected package', async () => {
    // Upstream's test reads testdata/parent/pom.xml through <relativePath>./parent/pom.xml</relativePath>; the
    // corpus does not hold it. A minimal parent with the coordinates the child names, declaring the dependency
    // upstream expects from it, shows the in-repository parent resolution closes the divergence above.
    const fixture = 'pom-xml/with-parent.xml';
    const child = readFileSync(join(dir, fixture), 'utf8');
    const parent = [
      '<project>',
      '  <groupId>org.local</groupId><artifactId>parent-pom</artifactId><version>1.0</version>',
      '  <dependencies>',
      '    <dependency><groupId>org.dave</groupId><artifactId>dave</artifactId><version>4.0.0</version></dependency>',
      '  </dependencies>',
      '</project>',
    ].join('\n');
    const tree = memoryTree({ 'pom.xml': child, 'parent/pom.xml': parent });
    const [own] = await parseLockfileInTree('pom.xml', child, tree);
    const got = (own?.result.packages ?? []).map((p) => `${key(p)}#${p.line}`).sort();
    const want = (expected[fixture]?.packages ?? []).map((p) => `${key(p)}#${p.line}`).sort();
    console.log(`${fixture} with a local parent: ${got.length}/${want.length} packages on the expected lines`);
    expect(got).toEqual(want);
  });

  it('`shiftguard deps` over the corpus folder finds the same packages (format-folder fallback)', async () => {
    const deps = await collectDeps(dir, ['.']);
    const got = new Map<string, string[]>();
    for (const p of deps.packages) got.set(p.path, [...(got.get(p.path) ?? []), key(p)]);
    const problems: string[] = [];
    let expectedCount = 0;
    let copyCount = 0;
    for (const [fixture, want] of Object.entries(expected)) {
      const wantKeys = multisetDiff(want.packages.map(key), DIVERGENCES[fixture]?.missing ?? []);
      expectedCount += wantKeys.length;
      const { kept: have, copies } = foldCopies(got.get(fixture) ?? [], wantKeys, mergesCopies(want));
      copyCount += copies;
      const missing = multisetDiff(wantKeys, have);
      const extra = multisetDiff(have, wantKeys);
      if (missing.length || extra.length) problems.push(`${fixture}: missing ${missing.join(', ')} extra ${extra.join(', ')}`);
    }
    const unexpectedFiles = [...got.keys()].filter((path) => !(path in expected));
    const errorFiles = deps.errors.map((e) => e.path).sort();
    const wantErrors = Object.entries(expected).filter(([, w]) => w.error).map(([f]) => f).sort();
    console.log(
      `deps over ${dir}: ${deps.packages.length} packages (expected ${expectedCount} after the divergences above, ` +
        `plus ${copyCount} further installed copies), ` +
        `${deps.errors.length} error entries (expected ${wantErrors.length}), ${got.size} lockfiles with packages`,
    );
    expect(problems).toEqual([]);
    expect(unexpectedFiles).toEqual([]);
    expect(errorFiles).toEqual(wantErrors);
    expect(deps.packages).toHaveLength(expectedCount + copyCount);
  });
});
