import { regexProblems } from '../../src/scanners/secrets/regex-safety.js';
import { compileRule, SecretsRuleError } from '../../src/scanners/secrets/rule-check.js';
import { builtinRuleSet } from '../../src/scanners/secrets/rule-set.js';
import { loadBuiltinRules, type LoadedRule } from '../../src/rules/load.js';
import { secretsScanner } from '../../src/scanners/secrets/index.js';
import { fakeChars, scanFiles, scanText } from './helpers.js';

const ghp = () => `ghp_${fakeChars(36, undefined, 11)}`;

function ruleWith(pattern: string): LoadedRule {
  return {
    id: 'test-rule',
    scanner: 'secrets',
    title: 'Test',
    severity: 'high',
    description: 'd',
    remediation: 'r',
    references: [],
    tags: [],
    samples: [],
    file: 'secrets/test.yaml',
    check: { keywords: ['tok'], pattern },
  };
}

describe('pattern safety at load time', () => {
  it.each([
    ['backreference', String.raw`(a)\1`],
    ['named backreference', String.raw`(?<x>a)\k<x>`],
    ['lookahead', String.raw`a(?=b)`],
    ['negative lookbehind', String.raw`(?<!a)b`],
    ['unbounded star', String.raw`tok.*x`],
    ['unbounded plus', String.raw`tok[a-z]+`],
    ['open range', String.raw`tok[a-z]{3,}`],
    ['nested repetition', String.raw`(?:[a-z]{1,5}-){1,50}`],
  ])('rejects %s', (_name, pattern) => {
    expect(regexProblems(pattern).length).toBeGreaterThan(0);
    expect(() => compileRule(ruleWith(pattern))).toThrow(SecretsRuleError);
  });

  it('accepts bounded patterns, character classes holding quantifier characters and small fixed repeats', () => {
    expect(regexProblems(String.raw`\b(tok_[a-z0-9+*?]{10,40})(?:-\d{2}){3}`)).toEqual([]);
  });

  it('compiles every built-in rule', () => {
    expect(builtinRuleSet().patternRules.length).toBeGreaterThanOrEqual(250);
  });
});

describe('hostile input', () => {
  // One 1 MB line per rule family, built from that family's keywords and the characters its patterns consume,
  // so every rule's pattern runs on it. The test asserts completion (within jest's timeout) and sane output.
  const families = new Map<string, string[]>();
  for (const rule of loadBuiltinRules('secrets')) {
    const check = rule.check as { keywords?: string[] };
    families.set(rule.file, [...(families.get(rule.file) ?? []), ...(check.keywords ?? [])]);
  }
  it.each([...families].map(([file, keywords]) => [file, keywords] as const))('a 1 MB line for %s', async (_file, keywords) => {
    const unit = `${keywords.join('a=')}${'a'.repeat(64)}=`;
    const line = unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
    const out = await scanFiles({ 'hostile.txt': line, 'repeated.txt': 'a'.repeat(1_000_000), 'key.txt': `${keywords[0]}${'A'.repeat(1_000_000)}` });
    expect(out.errors).toEqual([]);
    expect(out.stats?.filesScanned).toBe(3);
  });

  it('finds a token in the middle of a 1 MB line, once, scanned in windows', async () => {
    const token = ghp();
    const line = `${'x '.repeat(250_000)}token=${token} ${'y '.repeat(250_000)}`;
    const findings = await scanText(line);
    expect(findings.map((f) => [f.ruleId, f.startLine, f.startColumn])).toEqual([['github-pat', 1, 500_007]]);
  });
});

describe('changed lines only', () => {
  const token = ghp();
  const file = `first\nconst t = "${token}";\nlast\n`;

  it('reports a secret on an added line and ignores one on an untouched line', async () => {
    expect((await scanFiles({ 'a.ts': file }, undefined, { 'a.ts': [2] })).findings).toHaveLength(1);
    expect((await scanFiles({ 'a.ts': file }, undefined, { 'a.ts': [1, 3] })).findings).toHaveLength(0);
  });

  it('finds a key block when only a line in its middle changed', async () => {
    const body = Array.from({ length: 6 }, (_, i) => fakeChars(64, undefined, 100 + i)).join('\n');
    const pem = `config:\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    const out = await scanFiles({ 'key.pem': pem }, undefined, { 'key.pem': [5] });
    expect(out.findings.map((f) => [f.ruleId, f.startLine, f.endLine])).toEqual([['rsa-private-key', 3, 8]]);
  });

  it('finds a value written on the line after its XML element name when either line changed', async () => {
    const xml = `<config>\n  <apiToken>\n    ${fakeChars(32, undefined, 5)}\n  </apiToken>\n</config>\n`;
    const out = await scanFiles({ 'app.xml': xml }, undefined, { 'app.xml': [3] });
    expect(out.findings.map((f) => [f.ruleId, f.startLine])).toEqual([['generic-api-key', 3]]);
  });
});

describe('files that are not scanned, counted', () => {
  it('skips binary and minified files with a reason in stats', async () => {
    const token = ghp();
    const out = await scanFiles({
      'img.png': `\x89PNG ${token}`,
      'blob.dat2': `abc\0def ${token}`,
      'app.min.js': `var a="${token}";`,
      'bundle.js': `var a=1;${'x'.repeat(6000)}"${token}"`,
      'src.ts': `const t = "${token}";`,
    });
    expect(out.stats).toMatchObject({ filesScanned: 1, 'skipped.binary': 2, 'skipped.minified': 2 });
    expect(out.findings.map((f) => f.path)).toEqual(['src.ts']);
  });

  it('leaves out binary formats met in real repositories by name, before any read', () => {
    for (const path of ['test/links/pkg-1.0.0-py3-none-any.whl', 'bun.lockb', 'docs/diagrams.fig', 'docs/logo.pxm', 'models/m.onnx', 'data/x.parquet']) {
      expect(secretsScanner.accepts(path)).toBe(false);
    }
    for (const path of ['src/app.ts', '__snapshots__/format.test.js.snap', '.env.example', 'Dockerfile']) expect(secretsScanner.accepts(path)).toBe(true);
  });

  it('runs only provider rules in lockfiles', async () => {
    const token = ghp();
    const lock = `{\n  "secret": "${fakeChars(40, undefined, 9)}",\n  "token": "${token}"\n}\n`;
    const out = await scanFiles({ 'package-lock.json': lock });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });
});

describe('suppressions', () => {
  it('marks gitleaks:allow on the line as an inline suppression', async () => {
    const [finding] = await scanText(`token = "${ghp()}" # gitleaks:allow`);
    expect(finding?.suppressed).toEqual({ kind: 'inline', reason: 'gitleaks:allow on the line' });
  });

  it('marks config allowlists (paths, regexes, fingerprints) with their reasons and drops nothing', async () => {
    const token = (seed: number) => `ghp_${fakeChars(36, undefined, seed)}`;
    const [accepted] = (await scanFiles({ 'a.ts': `t = "${token(1)}"` })).findings;
    const config = {
      allowlist: {
        paths: [{ path: 'docs/**', reason: 'documentation tokens are revoked' }],
        regexes: [{ regex: `^${token(3).slice(0, 12)}`, reason: 'known test token' }],
        fingerprints: [{ fingerprint: accepted!.fingerprint, reason: 'accepted in review #12' }],
      },
    };
    const files = { 'a.ts': `t = "${token(1)}"`, 'docs/x.md': `t = "${token(2)}"`, 'c.ts': `t = "${token(3)}"`, 'b.ts': `t = "${token(4)}"` };
    const out = await scanFiles(files, config);
    const byPath = Object.fromEntries(out.findings.map((f) => [f.path, f.suppressed ?? null]));
    expect(byPath).toEqual({
      'a.ts': { kind: 'config', reason: 'accepted in review #12' },
      'docs/x.md': { kind: 'config', reason: 'documentation tokens are revoked' },
      'c.ts': { kind: 'config', reason: 'known test token' },
      'b.ts': null,
    });
  });

  it('reports an invalid secrets config as an error naming the key', async () => {
    const out = await scanFiles({ 'a.ts': 'x' }, { allowlist: { paths: [{ path: 'x' }] } });
    expect(out.errors[0]?.reason).toMatch(/secrets\.allowlist\.paths\.0\.reason/);
  });
});

describe('fingerprints', () => {
  it('are stable across line moves, keyed, and never contain the secret', async () => {
    const token = ghp();
    const [a] = await scanText(`t = "${token}"`);
    const [b] = await scanText(`\n\n\nother = 1\nt = "${token}"`);
    const [c] = (await scanFiles({ 'snippet.txt': `t = "${token}"` }, { fingerprintKey: 'org-secret-key' })).findings;
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(c!.fingerprint).not.toBe(a!.fingerprint);
    expect(a!.fingerprint).not.toContain(token.slice(4, 12).toLowerCase());
  });
});
