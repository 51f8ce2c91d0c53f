import { redactedPreview } from '../../src/scanners/secrets/redact.js';
import { secretsScanner } from '../../src/scanners/secrets/index.js';
import type { Finding, RawFinding, Report } from '../../src/model.js';
import { summarize } from '../../src/policy/summary.js';
import { toText } from '../../src/report/text.js';
import { toJson } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { fakeChars, scanFiles } from './helpers.js';

describe('redacted previews', () => {
  it.each([
    [`ghp_${'a1B2'.repeat(9)}`, 'ghp_****...****a1B2'],
    ['Sh0rtS3cretV4lue', 'Sh****...****ue'],
    ['abc12345', 'a****...****5'],
    ['abc12', '****'],
  ])('%s -> %s', (secret, preview) => {
    expect(redactedPreview(secret)).toBe(preview);
  });

  it('never keeps more than 4 leading and 4 trailing characters', () => {
    for (let n = 1; n < 200; n += 7) {
      const secret = fakeChars(n, undefined, n);
      const preview = redactedPreview(secret);
      const kept = preview.replace('****...****', '').replace('****', '');
      expect(kept.length).toBeLessThanOrEqual(Math.min(8, Math.floor(n / 2)));
    }
  });
});

// Fixtures with generated values of several shapes: prefixed tokens, key blocks, URLs, generic assignments,
// and a base64-wrapped token inside a Kubernetes Secret.
function fixtures(): { files: Record<string, string>; raw: string[] } {
  const gh = `ghp_${fakeChars(36, undefined, 41)}`;
  const slack = `xoxb-${fakeChars(12, '0123456789', 42)}-${fakeChars(13, '0123456789', 43)}-${fakeChars(24, undefined, 44)}`;
  const aws = `AKIA${fakeChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 45)}`;
  const password = `Pw${fakeChars(18, undefined, 46)}`;
  const dbPass = fakeChars(20, undefined, 47);
  const keyBody = Array.from({ length: 5 }, (_, i) => fakeChars(64, undefined, 50 + i)).join('\n');
  const nested = `glpat-${fakeChars(20, undefined, 48)}`;
  const files = {
    'src/config.ts': `export const token = "${gh}";\nconst slack = '${slack}';\n`,
    '.env': `AWS_ACCESS_KEY_ID=${aws}\nDB_PASSWORD=${password}\nDATABASE_URL=postgres://app:${dbPass}@db.internal:5432/app\n`,
    'deploy/key.pem': `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyBody}\n-----END OPENSSH PRIVATE KEY-----\n`,
    'k8s/secret.yaml': `kind: Secret\nmetadata:\n  name: ci\ndata:\n  token: ${Buffer.from(nested).toString('base64')}\n`,
  };
  return { files, raw: [gh, slack, aws, password, dbPass, nested, Buffer.from(nested).toString('base64'), ...keyBody.split('\n')] };
}

function toReport(raw: RawFinding[]): Report {
  const findings: Finding[] = raw.map((f) => ({ ...f, new: true, inDiff: true, suppressed: f.suppressed ?? null }));
  return {
    findings,
    errors: [],
    summary: summarize(findings, 0, 4, 'high'),
    rules: secretsScanner.rules(),
    tool: { name: 'shiftguard', version: '0.0.0-test', informationUri: 'https://example.invalid/shiftguard' },
  };
}

describe('no output format carries a secret value', () => {
  it('finds every fixture secret and leaks none of them in findings, text, JSON or SARIF', async () => {
    const { files, raw } = fixtures();
    const out = await scanFiles(files);
    expect(new Set(out.findings.map((f) => f.ruleId))).toEqual(
      new Set(['github-pat', 'slack-bot-token', 'aws-access-key-id', 'generic-password', 'database-connection-string', 'openssh-private-key', 'gitlab-pat', 'k8s-secret-literal']),
    );
    const report = toReport(out.findings);
    const outputs: Record<string, string> = {
      findings: JSON.stringify(out),
      text: toText(report, { color: false }),
      json: toJson(report),
      sarif: JSON.stringify(toSarif(report)),
      sarifSplit: JSON.stringify(toSarif(report, { splitByScanner: true })),
    };
    for (const [format, text] of Object.entries(outputs)) {
      for (const value of raw) {
        // A hit names the format and the start of the value, never the value itself.
        if (text.includes(value)) throw new Error(`${format} output contains a raw secret starting ${value.slice(0, 4)}`);
      }
    }
  });
});
