import { fakeChars, scanFiles, scanText } from './helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('Kubernetes Secret objects', () => {
  it('decodes data values, reports a token inside on the key line, and flags the literal Secret', async () => {
    const token = `ghp_${fakeChars(36, undefined, 31)}`;
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ntype: Opaque\ndata:\n  user: ${b64('deploy-bot')}\n  token: ${b64(token)}\n`;
    const findings = await scanText(yaml, 'k8s/ci-secret.yaml');
    expect(findings.map((f) => [f.ruleId, f.startLine, f.endLine, f.severity])).toEqual([
      ['github-pat', 8, 8, 'critical'],
      ['k8s-secret-literal', 7, 8, 'medium'],
    ]);
    expect(findings[0]!.message).toContain('base64 value of token in Secret ci');
    expect(findings[1]!.message).toContain('external secret store');
    expect(JSON.stringify(findings)).not.toContain(token);
    expect(JSON.stringify(findings)).not.toContain(b64(token));
  });

  it('flags stringData, reads block scalars, and handles several documents', async () => {
    const yaml = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  level: ZGVidWctbG9nLWxldmVs',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  config.json: |\n    {"retries": 3}\n',
    ].join('\n---\n');
    const findings = await scanText(yaml, 'all.yaml');
    expect(findings.map((f) => [f.ruleId, f.startLine])).toEqual([['k8s-secret-literal', 13]]);
  });

  it('reports the literal Secret when only one of its values changed', async () => {
    const yaml = `kind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64('correct-horse-battery')}\n  user: ${b64('admin-user')}\n`;
    const changed = await scanFiles({ 's.yaml': yaml }, undefined, { 's.yaml': [6] });
    const untouched = await scanFiles({ 's.yaml': yaml }, undefined, { 's.yaml': [2] });
    expect(changed.findings.map((f) => f.ruleId)).toEqual(['k8s-secret-literal']);
    expect(untouched.findings.map((f) => f.ruleId)).toEqual(['k8s-secret-literal']);
    const unrelated = await scanFiles({ 's.yaml': `${yaml}---\nkind: Service\n` }, undefined, { 's.yaml': [8] });
    expect(unrelated.findings).toEqual([]);
  });

  it('stays quiet on templated, empty, short and SOPS-encrypted values', async () => {
    const yaml =
      'kind: Secret\nmetadata:\n  name: t\ndata:\n  a: {{ .Values.a | b64enc }}\n  b: ""\n  c: YmFyCg==\n---\nkind: Secret\nmetadata:\n  name: sops\nstringData:\n  d: ENC[AES256_GCM,data:W3PiZ6lD6bpf,iv:2qF98Zk,tag:FzoL,type:str]\n';
    expect(await scanText(yaml, 'secret.yaml')).toEqual([]);
  });
});
