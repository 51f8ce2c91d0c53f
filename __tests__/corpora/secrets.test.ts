import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir } from '../helpers/corpora.js';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { scanFiles } from '../secrets/helpers.js';

interface PeerCase {
  id: string;
  source: string;
  provider: string;
  expect: 'secret' | 'clean';
  text: string;
  file?: string;
}

// gitleaks validated these rules' samples under a file path (ValidateWithPaths); the corpus keeps the content
// only, so each is scanned under a file name of the kind the rule is about. Every other sample is snippet.txt (a name no path rule treats specially).
const GITLEAKS_PATHS: Record<string, string> = {
  'kubernetes-secret-yaml': 'secret.yaml',
  'hashicorp-tf-password': 'main.tf',
  'nuget-config-password': 'nuget.config',
  'freemius-secret-key': 'config.php',
};

function fileName(c: PeerCase): string {
  if (c.file) return c.file.split('/').pop() ?? 'snippet.txt';
  return GITLEAKS_PATHS[c.provider] ?? 'snippet.txt';
}

interface Tally {
  secrets: number;
  found: number;
  cleans: number;
  falsePositives: number;
}

const pct = (n: number, d: number): number => (d === 0 ? 100 : Math.round((10000 * n) / d) / 100);
const precisionOf = (t: Tally): number => pct(t.found, t.found + t.falsePositives);

describe('secrets scanner on peer cases (gitleaks + secretlint rule tests)', () => {
  it('finds the secrets and stays quiet on the clean samples of each provider', async () => {
    const cases: PeerCase[] = readFileSync(join(corporaDir(), 'secrets', 'peer-cases.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as PeerCase);
    const tagsOf = new Map(loadBuiltinRules('secrets').map((r) => [r.id, r.tags]));
    const byProvider = new Map<string, Tally>();
    const overall: Tally = { secrets: 0, found: 0, cleans: 0, falsePositives: 0 };
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    let secretlintCleanFlagged = 0;
    let secretlintCleans = 0;

    for (const c of cases) {
      const out = await scanFiles({ [fileName(c)]: c.text });
      const key = `${c.source.split('@')[0]}:${c.provider}`;
      const tally = byProvider.get(key) ?? { secrets: 0, found: 0, cleans: 0, falsePositives: 0 };
      byProvider.set(key, tally);
      if (c.expect === 'secret') {
        tally.secrets++;
        overall.secrets++;
        if (out.findings.length) {
          tally.found++;
          overall.found++;
        } else missed.push(c.id);
        continue;
      }
      if (c.source.startsWith('secretlint')) {
        secretlintCleans++;
        if (out.findings.length) secretlintCleanFlagged++;
        continue;
      }
      tally.cleans++;
      overall.cleans++;
      // A gitleaks "clean" sample only means "not this provider": a finding of another provider's rule is fine.
      const own = out.findings.filter((f) => (tagsOf.get(f.ruleId) ?? []).includes(`gitleaks:${c.provider}`));
      if (own.length) {
        tally.falsePositives++;
        overall.falsePositives++;
        falseAlarms.push(`${c.id} <- ${own.map((f) => f.ruleId).join(',')}`);
      }
    }

    const recall = pct(overall.found, overall.secrets);
    const precision = precisionOf(overall);
    const rows = [...byProvider].map(([provider, t]) => ({ provider, recall: pct(t.found, t.secrets), precision: precisionOf(t), ...t }));
    const worstRecall = rows.filter((r) => r.secrets > 0).sort((a, b) => a.recall - b.recall).slice(0, 12);
    const worstPrecision = rows.filter((r) => r.falsePositives > 0).sort((a, b) => a.precision - b.precision).slice(0, 12);
    console.log(
      [
        `secrets peer cases: ${cases.length} samples, ${overall.secrets} secrets, ${overall.cleans} gitleaks cleans`,
        `recall ${recall} % (${overall.found}/${overall.secrets}), precision ${precision} % (${overall.falsePositives} own-provider false positives)`,
        `providers: ${rows.length}, with recall 100 %: ${rows.filter((r) => r.secrets > 0 && r.recall === 100).length}/${rows.filter((r) => r.secrets > 0).length}`,
        `secretlint clean samples flagged by any rule: ${secretlintCleanFlagged}/${secretlintCleans}`,
        'worst recall: ' + worstRecall.map((r) => `${r.provider} ${r.recall} % (${r.found}/${r.secrets})`).join('; '),
        'worst precision: ' + worstPrecision.map((r) => `${r.provider} ${r.precision} % (${r.falsePositives} fp / ${r.cleans} cleans)`).join('; '),
        `missed (${missed.length}): ${missed.join(' ')}`,
        `false alarms (${falseAlarms.length}): ${falseAlarms.join(' ')}`,
      ].join('\n'),
    );
    // Floors a little under what this corpus measured (recall 99.45 %, precision 99.67 %, 229 providers at
    // 100 % recall); the goal is 99 % each. What stays missed is mostly secretlint samples written as
    // obvious placeholders (AAAA..., abcdef..., 1234567890) and binary PKCS#12 files, which we skip on purpose.
    expect(recall).toBeGreaterThanOrEqual(99.4);
    expect(precision).toBeGreaterThanOrEqual(99.6);
    expect(rows.filter((r) => r.secrets > 0 && r.recall === 100).length).toBeGreaterThanOrEqual(228);
  });
});
