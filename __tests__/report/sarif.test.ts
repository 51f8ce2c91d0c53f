import type { Report } from '../../src/model.js';
import { RULE_DOCS_BASE_URL } from '../../src/report/rule-help.js';
import { sarifCategory, toSarif } from '../../src/report/sarif.js';
import { FINGERPRINT_KEY } from '../../src/report/sarif-result.js';
import type { SarifResult, SarifRun } from '../../src/report/sarif-types.js';
import { SECRET_VALUE, sampleReport } from './fixtures/report.js';

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

function resultAt(run: SarifRun, path: string, line: number): SarifResult {
  const found = run.results.find((r) => {
    const loc = r.locations[0]!.physicalLocation;
    return decodeURIComponent(loc.artifactLocation.uri) === path && loc.region?.startLine === line;
  });
  if (!found) throw new Error(`no result at ${path}:${line}`);
  return found;
}

describe('toSarif, one run (the CLI)', () => {
  const report = sampleReport();
  const log = toSarif(report, { srcRoot: '/home/dev/my repo' });
  const run = only(log.runs);

  test('is SARIF 2.1.0 from shiftguard, with the repository root as %SRCROOT%', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({
      name: 'shiftguard',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/shiftguard/shiftguard',
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/my%20repo/' } });
    expect(run.automationDetails).toBeUndefined();
  });

  test('describes every rule once, plus a placeholder for a rule only a finding names', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...report.rules.map((r) => r.id), 'custom-unknown-rule']);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    const placeholder = run.tool.driver.rules.at(-1)!;
    expect(placeholder.help.text.length).toBeGreaterThan(0);
    expect(placeholder.properties['security-severity']).toBe('3.0');
    expect(placeholder.helpUri).toBe('https://github.com/shiftguard/shiftguard');
  });

  test('rules carry help, docs link, GitHub security-severity, level, tags and precision', () => {
    const [privileged, nonRoot, pat, advisory, latest] = run.tool.driver.rules;
    expect(privileged).toMatchObject({
      name: 'ContainerRunsPrivileged',
      shortDescription: { text: 'Container runs privileged' },
      helpUri: `${RULE_DOCS_BASE_URL}pss-privileged.md`,
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.5', precision: 'very-high', severity: 'critical' },
    });
    expect(privileged!.properties.tags.slice(0, 2)).toEqual(['security', 'external/cwe/cwe-250']);
    expect(privileged!.properties.tags).toContain('pss:baseline');
    expect(privileged!.properties.tags.at(-1)).toBe('manifests');
    expect(privileged!.help.markdown).toContain('## How to fix\n\nSet securityContext.privileged to false');
    expect(privileged!.help.markdown).toContain('- `CKV_K8S_16`');
    expect(privileged!.help.text).toContain('How to fix: Set securityContext.privileged');
    expect(nonRoot).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { 'security-severity': '5.5', precision: 'medium' } });
    expect(pat).toMatchObject({ properties: { 'security-severity': '8.0', precision: 'high' } });
    expect(advisory).toMatchObject({
      helpUri: 'https://osv.dev/vulnerability/GHSA-xq3m-2v4x-88gg',
      properties: { 'security-severity': '7.4', precision: 'high' },
    });
    expect(latest).toMatchObject({
      defaultConfiguration: { level: 'note' },
      properties: { 'security-severity': '0.0' },
      help: { markdown: 'Pin images: `FROM node:20.11.1@sha256:...`' },
    });
  });

  test('results map severity to level and paths to percent-encoded URIs under %SRCROOT%', () => {
    const byPath = Object.fromEntries(run.results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.level]));
    expect(byPath).toEqual({
      'deploy/app%20deployment.yaml': 'error',
      'k8s/%C3%BCn%C3%AFc%C3%B8d%C3%A9/pod.yaml': 'warning',
      '.env': 'error',
      'services/api/package-lock.json': 'error',
      'docker/100%25%23weird%3Aname.Dockerfile': 'note',
      'charts/web/templates/svc.yaml': 'note',
    });
    for (const result of run.results) {
      expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
  });

  test('regions keep known columns, omit unknown ones and repair impossible ranges', () => {
    const region = (path: string, line: number) => resultAt(run, path, line).locations[0]!.physicalLocation.region;
    expect(region('deploy/app deployment.yaml', 21)).toEqual({ startLine: 21, endLine: 21, startColumn: 13, endColumn: 29 });
    expect(region('k8s/ünïcødé/pod.yaml', 8)).toEqual({ startLine: 8, endLine: 12 });
    // endLine 2 < startLine 4, and endColumn == startColumn on one line: neither is emitted as given.
    expect(region('docker/100%#weird:name.Dockerfile', 4)).toEqual({ startLine: 4, endLine: 4, startColumn: 6 });
    // Across lines an end column left of the start column is a real range.
    expect(region('charts/web/templates/svc.yaml', 2)).toEqual({ startLine: 2, endLine: 3, startColumn: 3, endColumn: 1 });
  });

  test('fingerprints: ours, and a primaryLocationLineHash that ignores line numbers but counts repeats', () => {
    const first = resultAt(run, 'k8s/ünïcødé/pod.yaml', 8);
    const second = resultAt(run, 'k8s/ünïcødé/pod.yaml', 30);
    expect(first.partialFingerprints[FINGERPRINT_KEY]).toBe('fp-pss-run-as-non-root-k8s/ünïcødé/pod.yaml');
    const [hash1, n1] = first.partialFingerprints['primaryLocationLineHash']!.split(':');
    const [hash2, n2] = second.partialFingerprints['primaryLocationLineHash']!.split(':');
    expect(hash1).toMatch(/^[0-9a-f]{16}$/);
    expect([hash2, n1, n2]).toEqual([hash1, '1', '2']);

    const moved: Report = sampleReport();
    for (const f of moved.findings) {
      f.startLine += 40;
      f.endLine += 40;
    }
    const movedRun = toSarif(moved).runs[0]!;
    expect(movedRun.results.map((r) => r.partialFingerprints)).toEqual(run.results.map((r) => r.partialFingerprints));
  });

  test('a rule\'s exact fix becomes a SARIF fix replacing those whole lines', () => {
    expect(resultAt(run, 'deploy/app deployment.yaml', 21).fixes).toEqual([
      {
        description: { text: 'Turn privileged off.' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'deploy/app%20deployment.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 21, endLine: 21 }, insertedContent: { text: '            privileged: false' } }],
          },
        ],
      },
    ]);
    expect(resultAt(run, '.env', 3).fixes).toBeUndefined();
  });

  test('suppressed findings stay, with the kind and justification code scanning understands', () => {
    expect(resultAt(run, 'k8s/ünïcødé/pod.yaml', 8).suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'legacy image needs root until #42 lands' },
    ]);
    expect(resultAt(run, 'services/api/package-lock.json', 120).suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'not reachable from our code (until 2027-01-31)' },
    ]);
    expect(resultAt(run, 'deploy/app deployment.yaml', 21).suppressions).toBeUndefined();
    expect(run.results).toHaveLength(report.findings.length);
  });

  test('result properties carry policy marks, resource, SCA package data and only the secret preview', () => {
    expect(resultAt(run, 'deploy/app deployment.yaml', 21).properties).toEqual({
      scanner: 'manifests',
      severity: 'critical',
      new: true,
      inDiff: true,
      tags: ['pss:baseline', 'pss-control:privileged'],
      resource: 'Deployment/prod/web',
    });
    expect(resultAt(run, 'services/api/package-lock.json', 120).properties).toMatchObject({
      package: 'lodash',
      version: '4.17.15',
      ecosystem: 'npm',
      fixedVersions: ['4.17.17'],
      aliases: ['CVE-2020-8203'],
    });
    expect(resultAt(run, '.env', 3).properties.preview).toBe('ghp_****...****3f9a');
    expect(JSON.stringify(log)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(log)).not.toContain(SECRET_VALUE.slice(4, 20));
  });

  test('files that could not be scanned become error notifications with their path and reason', () => {
    const invocation = only(run.invocations);
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'manifests: deploy/broken.yaml was not scanned: invalid YAML at line 3, column 1' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' } } }],
      },
      {
        level: 'error',
        message: { text: 'assets/logo blob.bin was not scanned: binary file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'assets/logo%20blob.bin', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  test('report warnings (expired exceptions, malformed ignores) become configuration notifications', () => {
    expect(run.invocations[0]!.toolConfigurationNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: '.shiftguard.yml: exception for pss-privileged expired on 2026-01-01 and no longer applies (migration)',
        },
      },
      { level: 'warning', message: { text: 'k8s/pod.yaml: line 4: shiftguard:ignore needs a rule id; nothing suppressed' } },
    ]);
    const quiet = toSarif({ ...sampleReport(), warnings: [] }).runs[0]!.invocations[0]!;
    expect(quiet.toolConfigurationNotifications).toBeUndefined();
  });

  test('is pure: the report is not changed and the same report gives the same log', () => {
    expect(report).toEqual(sampleReport());
    expect(toSarif(sampleReport(), { srcRoot: '/home/dev/my repo' })).toEqual(log);
  });
});

describe('toSarif, one run per scanner (the action)', () => {
  test('each scanner gets its own run and stable category; errors follow their scanner', () => {
    const log = toSarif(sampleReport(), { splitByScanner: true });
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['shiftguard/secrets/', 'shiftguard/sca/', 'shiftguard/manifests/']);
    const [secrets, sca, manifests] = log.runs;
    expect(secrets!.results.map((r) => r.ruleId)).toEqual(['github-pat']);
    expect(sca!.tool.driver.rules.map((r) => r.id)).toEqual(['ghsa-xq3m-2v4x-88gg']);
    expect(manifests!.results).toHaveLength(5);
    for (const run of log.runs) {
      for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
    // The unscanned binary file concerns every scanner; the broken YAML only the manifests scanner.
    expect(secrets!.invocations[0]!.toolExecutionNotifications).toHaveLength(1);
    expect(manifests!.invocations[0]!.toolExecutionNotifications).toHaveLength(2);
  });

  test('the category prefix is configurable, and scanners with nothing to say get no run', () => {
    const report = sampleReport();
    report.rules = report.rules.filter((r) => r.scanner === 'secrets');
    report.findings = report.findings.filter((f) => f.scanner === 'secrets');
    const log = toSarif(report, { splitByScanner: true, categoryPrefix: 'acme/shiftguard/' });
    // The manifests scanner still reports a file it could not parse, so its run stays.
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['acme/shiftguard/secrets/', 'acme/shiftguard/manifests/']);
    report.errors = report.errors.filter((e) => e.scanner !== 'manifests');
    const quiet = toSarif(report, { splitByScanner: true, categoryPrefix: 'acme/shiftguard/' });
    expect(quiet.runs.map((r) => r.automationDetails?.id)).toEqual(['acme/shiftguard/secrets/']);
    expect(sarifCategory('sca')).toBe('shiftguard/sca/');
  });

  test('a scanner that ran gets an (empty) run, so code scanning closes the alerts it no longer reports', () => {
    const report = sampleReport();
    report.rules = report.rules.filter((r) => r.scanner !== 'sca');
    report.findings = report.findings.filter((f) => f.scanner !== 'sca');
    expect(toSarif(report, { splitByScanner: true }).runs.map((r) => r.automationDetails?.id)).not.toContain('shiftguard/sca/');
    const log = toSarif(report, { splitByScanner: true, scanners: ['secrets', 'sca', 'manifests'] });
    const sca = log.runs.find((r) => r.automationDetails?.id === 'shiftguard/sca/');
    expect(sca).toMatchObject({ results: [], tool: { driver: { name: 'shiftguard', rules: [] } } });
  });
});

test('a rule with many tags keeps the 20 GitHub accepts, the useful ones first', () => {
  const report = sampleReport();
  report.rules[0]!.tags = Array.from({ length: 30 }, (_, i) => `t${i}`);
  const tags = toSarif(report).runs[0]!.tool.driver.rules[0]!.properties.tags;
  expect(tags).toHaveLength(20);
  expect(tags.slice(0, 3)).toEqual(['security', 't0', 't1']);
});
