import fc from 'fast-check';
import { defaultConfig } from '../../src/config.js';
import type { ChangeSet } from '../../src/model.js';
import { workflowAnnotations } from '../../src/report/annotations.js';
import { FORMATS } from '../../src/report/formats.js';
import { runScan } from '../../src/run.js';
import { memoryTree } from '../helpers/memory-tree.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
// Text around the secret: anything but the token's own alphabet right next to it (which would make a
// longer, different token) — quotes, separators, spaces, unicode, newlines.
const around = fc.string({ unit: fc.constantFrom(' ', '=', ':', '"', "'", '\n', '\t', '#', 'é', '🔑', '/', ',', '{', '}'), maxLength: 30 });
const secret = fc.array(fc.constantFrom(...ALNUM), { minLength: 36, maxLength: 36 }).map((chars) => `ghp_${chars.join('')}`);

describe('redaction (property)', () => {
  test('no output of a run (JSON, text, SARIF, annotations, preview, message) contains the raw secret', async () => {
    const config = defaultConfig();
    let detected = 0;
    await fc.assert(
      fc.asyncProperty(secret, around, around, fc.constantFrom('.env', 'config.yaml', 'src/app.ts'), async (token, before, after, path) => {
        const changeSet: ChangeSet = {
          root: '/repo',
          files: [{ path, oldPath: path, status: 'added', addedLines: null, diffLines: null }],
          head: memoryTree({ [path]: `${before}${token}${after}\n` }),
          base: null,
          skipped: [],
        };
        const report = await runScan({ changeSet, config, scanners: ['secrets'], services: { now: () => new Date('2026-06-01T00:00:00Z'), log: () => undefined } });
        if (report.findings.some((f) => f.ruleId === 'github-pat')) detected++;
        const outputs = [
          FORMATS.json(report),
          FORMATS.text(report, { color: false, srcRoot: '/repo' }),
          FORMATS.sarif(report, { color: false, srcRoot: '/repo' }),
          ...workflowAnnotations(report),
        ];
        for (const output of outputs) expect(output.includes(token)).toBe(false);
        // And the secret's middle never appears either (a preview keeps at most 4+4 characters).
        for (const output of outputs) expect(output.includes(token.slice(8, 32))).toBe(false);
      }),
      { numRuns: 150 },
    );
    // The property is about detected secrets: most generated tokens must have been found.
    expect(detected).toBeGreaterThan(100);
  }, 120_000);
});
