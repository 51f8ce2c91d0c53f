import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltinRules } from '../../src/rules/load.js';
import type { RawFinding } from '../../src/model.js';
import { corporaDir } from '../helpers/corpora.js';
import { scanFiles } from '../manifests/helpers.js';

// Agreement with Checkov's Kubernetes checks over its own fixtures (expected.jsonl: confident
// expectations only; see the corpus README). A finding counts for check X when its rule is tagged
// checkov:X and it is on the expected resource; suppressed findings do not count, as Checkov skips them.

interface Expectation {
  check: string;
  file: string;
  resource: string | null;
  expect?: 'pass' | 'fail';
  expect_counts?: { passed: number; failed: number };
}

/** Checkov's `Kind.namespace.name` -> our `Kind/namespace/name`. */
function ourResource(checkovId: string): string {
  const first = checkovId.indexOf('.');
  const second = checkovId.indexOf('.', first + 1);
  return `${checkovId.slice(0, first)}/${checkovId.slice(first + 1, second)}/${checkovId.slice(second + 1)}`;
}

describe('Checkov Kubernetes corpus', () => {
  const dir = join(corporaDir(), 'checkov-k8s');
  const expectations: Expectation[] = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expectation);
  const covered = new Set(
    loadBuiltinRules('manifests').flatMap((r) => r.tags.filter((t) => t.startsWith('checkov:')).map((t) => t.slice('checkov:'.length))),
  );

  it('meets the expectations of the checks it covers', async () => {
    const cache = new Map<string, RawFinding[]>();
    const findingsOf = async (file: string) => {
      if (!cache.has(file)) cache.set(file, (await scanFiles({ [file]: readFileSync(join(dir, file), 'utf8') })).findings);
      return cache.get(file)!;
    };
    const checks = new Set(expectations.map((e) => e.check));
    let met = 0;
    let metCovered = 0;
    let totalCovered = 0;
    const misses: string[] = [];
    for (const e of expectations) {
      const mine = (await findingsOf(e.file)).filter((f) => f.tags.includes(`checkov:${e.check}`) && !f.suppressed);
      let ok: boolean;
      if (e.resource === null && e.expect_counts) {
        // Objects may share an id (e.g. two items of one List): count them by resource and line.
        ok = new Set(mine.map((f) => `${f.resource}@${f.startLine}`)).size === e.expect_counts.failed;
      } else {
        const hit = mine.some((f) => f.resource === ourResource(e.resource!));
        ok = e.expect === 'fail' ? hit : !hit;
      }
      if (ok) met++;
      if (covered.has(e.check)) {
        totalCovered++;
        if (ok) metCovered++;
        else misses.push(`${e.check} ${e.file} ${e.resource ?? ''} expected ${e.expect ?? JSON.stringify(e.expect_counts)}`);
      }
    }
    const coveredChecks = [...checks].filter((c) => covered.has(c));
    const missing = [...checks].filter((c) => !covered.has(c)).sort((a, b) => Number(a.split('_')[2]) - Number(b.split('_')[2]));
    console.log(
      [
        `Checkov checks covered: ${coveredChecks.length}/${checks.size}`,
        `expectations met: ${met}/${expectations.length} (${((100 * met) / expectations.length).toFixed(1)} %)`,
        `expectations met for covered checks: ${metCovered}/${totalCovered} (${((100 * metCovered) / Math.max(1, totalCovered)).toFixed(1)} %)`,
        `not covered: ${missing.join(' ') || 'none'}`,
        ...(misses.length ? ['disagreements:', ...misses.map((m) => `  ${m}`)] : []),
      ].join('\n'),
    );
    expect(metCovered / Math.max(1, totalCovered)).toBeGreaterThanOrEqual(0.97);
  });
});
