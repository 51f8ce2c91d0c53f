import { parseRuleFile } from '../../src/rules/load.js';
import { unsafeRegexReason } from '../../src/scanners/manifests/engine/regex.js';
import { compileRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { parseManifests } from '../../src/scanners/manifests/yaml/parse.js';

const header = 'id: my-rule\nscanner: manifests\ntitle: T\nseverity: low\ndescription: d\nremediation: r\n';

function compile(check: string) {
  return compileRules(parseRuleFile(`${header}check:\n${check}`, 'custom/t.yaml'));
}

function run(check: string, manifest: string) {
  const { compiled } = compile(check);
  return checkObjects(parseManifests('m.yaml', manifest).objects, compiled);
}

const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${extra}`;

describe('rule validation', () => {
  it('names the file and the field of a bad check', () => {
    expect(() => compile('  scope: container\n  violation: { path: image, equal: x }\n  message: m\n')).toThrow(/custom\/t\.yaml: check\.violation/);
    expect(() => compile('  template: nope\n')).toThrow(/custom\/t\.yaml: check\.template: unknown template "nope"/);
    expect(() => compile('  template: inherited-security-context\n  params: { field: runAsNonRoot }\n')).toThrow(/check\.params\.allowed/);
    expect(() => compile('  violation: { path: "a[", exists: true }\n  message: m\n')).toThrow(/unclosed \[/);
  });

  it('rejects regexes that can backtrack badly', () => {
    expect(unsafeRegexReason('^(a+)+$')).toMatch(/nested/);
    expect(unsafeRegexReason('(\\w)\\1')).toMatch(/backreference/);
    expect(unsafeRegexReason('^(?!x)')).toMatch(/lookaround/);
    expect(unsafeRegexReason('^[a-z0-9.-]+:latest$')).toBeNull();
    expect(() => compile('  violation: { path: image, regex: "(a*)*" }\n  message: m\n')).toThrow(/check\.violation.*unsafe or invalid regex/);
  });
});

describe('declarative checks', () => {
  const privileged = '  scope: container\n  violation: { path: securityContext.privileged, equals: true }\n  message: "{container} is privileged"\n  fix: { value: false }\n';
  const manifest = pod('spec:\n  containers:\n    - name: app\n      securityContext:\n        privileged: true  # needed?\n');

  it('reports at the field with resource, message and an exact fix', () => {
    const [f] = run(privileged, manifest);
    expect(f).toMatchObject({
      ruleId: 'my-rule',
      path: 'm.yaml',
      startLine: 9,
      startColumn: 9,
      resource: 'Pod/default/web',
      message: 'app is privileged',
      fix: { startLine: 9, endLine: 9, replacement: '        privileged: false  # needed?' },
    });
  });

  it('keeps fingerprints when lines move', () => {
    const [a] = run(privileged, manifest);
    const [b] = run(privileged, `# moved\n\n${manifest}`);
    expect(b!.startLine).toBe(a!.startLine + 2);
    expect(b!.fingerprint).toBe(a!.fingerprint);
  });

  it('evaluates any/all/not, numeric comparisons and $pod paths', () => {
    const check = [
      '  scope: container',
      '  when: { not: { path: $pod.os.name, equals: windows } }',
      '  violation:',
      '    any:',
      '      - { path: securityContext.runAsUser, lt: 10000 }',
      '      - all: [{ path: securityContext.runAsUser, absent: true }, { path: $pod.securityContext.runAsUser, absent: true }]',
      '  message: low uid',
    ].join('\n');
    const low = pod('spec:\n  containers:\n    - name: a\n      securityContext: {runAsUser: 100}\n');
    const high = pod('spec:\n  securityContext: {runAsUser: 20000}\n  containers:\n    - name: a\n');
    const windows = pod('spec:\n  os: {name: windows}\n  containers:\n    - name: a\n');
    expect(run(check, low)).toHaveLength(1);
    expect(run(check, high)).toHaveLength(0);
    expect(run(check, windows)).toHaveLength(0);
  });
});

describe('annotation suppressions', () => {
  const check = '  scope: container\n  violation: { path: securityContext.privileged, equals: true }\n  message: m\n';
  const rule = (tags: string) =>
    compileRules(parseRuleFile(`${header.replace('id: my-rule', 'id: priv')}tags: [${tags}]\ncheck:\n${check}`, 'p.yaml')).compiled;
  const annotated = (annotation: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    ${annotation}\nspec:\n  containers:\n    - name: app\n      securityContext: {privileged: true}\n    - name: side\n      securityContext: {privileged: true}\n`;
  const scan = (annotation: string, tags = 'checkov:CKV_K8S_16, kube-linter:privileged-container') =>
    checkObjects(parseManifests('m.yaml', annotated(annotation)).objects, rule(tags)).map((f) => f.suppressed ?? null);

  it('honours ours, per object and per container', () => {
    expect(scan('shiftguard.io/ignore-priv: "node agent"')).toEqual([
      { kind: 'annotation', reason: 'node agent' },
      { kind: 'annotation', reason: 'node agent' },
    ]);
    expect(scan('shiftguard.io/ignore-priv.side: debug only')).toEqual([null, { kind: 'annotation', reason: 'debug only' }]);
  });

  it("honours Checkov's and kube-linter's", () => {
    expect(scan('checkov.io/skip1: CKV_K8S_16=legacy')[0]).toEqual({ kind: 'annotation', reason: 'legacy' });
    expect(scan('checkov.io/skip3: CKV_K8S_99=other')[0]).toBeNull();
    expect(scan('ignore-check.kube-linter.io/privileged-container: vendor chart')[0]).toEqual({ kind: 'annotation', reason: 'vendor chart' });
    expect(scan('ignore-check.kube-linter.io/privileged-container: x', 'cwe:250')[0]).toBeNull();
  });
});
