import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawFinding } from '../../src/model.js';
import { corporaDir } from '../helpers/corpora.js';
import { scanFiles } from '../manifests/helpers.js';

// Pod Security Standards agreement over the official pod-security-admission fixtures: a fail fixture
// at level L needs a finding tagged at L or below, a pass fixture none (see the corpus README).

interface Expectation {
  file: string;
  level: 'baseline' | 'restricted';
  expect: 'pass' | 'fail';
  control: string;
}

const RANK = { baseline: 0, restricted: 1 } as const;

function levelOf(finding: RawFinding): number | null {
  if (finding.tags.includes('pss:baseline')) return RANK.baseline;
  if (finding.tags.includes('pss:restricted')) return RANK.restricted;
  return null;
}

describe('Pod Security Standards corpus', () => {
  const dir = join(corporaDir(), 'pss');
  const expectations: Expectation[] = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expectation);

  it('agrees with every fixture', async () => {
    const misses: string[] = [];
    for (const e of expectations) {
      const out = await scanFiles({ [e.file]: readFileSync(join(dir, e.file), 'utf8') });
      const atOrBelow = out.findings.filter((f) => {
        const level = levelOf(f);
        return level !== null && level <= RANK[e.level];
      });
      const ok = e.expect === 'fail' ? atOrBelow.length > 0 : atOrBelow.length === 0;
      if (!ok) misses.push(`${e.file} (${e.expect}): ${atOrBelow.map((f) => `${f.ruleId}@${f.startLine}`).join(', ') || 'no finding'}`);
    }
    const agreed = expectations.length - misses.length;
    console.log(`PSS agreement: ${agreed}/${expectations.length} fixtures (${((100 * agreed) / expectations.length).toFixed(1)} %)` +
      (misses.length ? `\n  disagreements:\n  ${misses.join('\n  ')}` : ''));
    expect(misses).toEqual([]);
  });
});
