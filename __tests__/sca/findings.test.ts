import { advisoryFinding, advisoryRule, truncateMarkdown } from '../../src/scanners/sca/findings.js';
import { advisorySeverity, cvssScore } from '../../src/scanners/sca/severity.js';
import type { Package } from '../../src/scanners/sca/types.js';
import { record } from './helpers/osv-records.js';

const lodash: Package = { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 12 };
const advisory = record('GHSA-lod1-0001-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.19' }, { introduced: '4.17.20' }, { fixed: '4.17.21' }], {
  summary: 'Prototype Pollution in lodash',
  details: 'Long text.\n\nMore text.',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  references: [{ type: 'ADVISORY', url: 'https://example.test/a' }],
  database_specific: { severity: 'LOW', cwe_ids: ['CWE-1321'] },
});

describe('advisory severity', () => {
  it('computes CVSS 3.0, 3.1 and 4.0 base scores', () => {
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L')).toBe(5.3);
    expect(cvssScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvssScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe(9.3);
    expect(cvssScore('CVSS:3.1/AV:N')).toBeUndefined();
    expect(cvssScore('garbage')).toBeUndefined();
  });

  it('prefers a computed score over the database label, and the label over nothing', () => {
    expect(advisorySeverity(advisory)).toEqual({ severity: 'critical', score: 9.8 });
    expect(advisorySeverity({ ...advisory, severity: [] }).severity).toBe('low');
    expect(advisorySeverity({ ...advisory, severity: [], database_specific: { severity: 'MODERATE' } }).severity).toBe('medium');
    expect(advisorySeverity({ id: 'X' }).severity).toBe('high');
  });
});

describe('advisory findings', () => {
  it('names the package, version, summary and the smallest fix at or above the version', () => {
    const f = advisoryFinding(advisory, lodash, 'web/package-lock.json');
    expect(f).toMatchObject({
      scanner: 'sca',
      ruleId: 'GHSA-lod1-0001-0001',
      severity: 'critical',
      path: 'web/package-lock.json',
      startLine: 12,
      endLine: 12,
      message: 'lodash@4.17.15 is vulnerable: Prototype Pollution in lodash. Fixed in 4.17.19',
      package: 'lodash',
      version: '4.17.15',
      ecosystem: 'npm',
      fixedVersions: ['4.17.19', '4.17.21'],
      aliases: ['CVE-2099-0001'],
      tags: ['security', 'sca', 'cwe:1321'],
    });
    expect(advisoryFinding(advisory, { ...lodash, version: '4.17.20' }, 'web/package-lock.json').message).toMatch(/Fixed in 4.17.21$/);
  });

  it('fingerprints by advisory, file, package and version, never by line', () => {
    const a = advisoryFinding(advisory, lodash, 'package-lock.json');
    expect(advisoryFinding(advisory, { ...lodash, line: 99 }, 'package-lock.json').fingerprint).toBe(a.fingerprint);
    expect(advisoryFinding(advisory, { ...lodash, version: '4.17.16' }, 'package-lock.json').fingerprint).not.toBe(a.fingerprint);
  });

  it('builds a rule per advisory with help markdown and the CVSS score', () => {
    const rule = advisoryRule(advisory);
    expect(rule).toMatchObject({ id: 'GHSA-lod1-0001-0001', title: 'Prototype Pollution in lodash', securitySeverity: 9.8, references: ['https://example.test/a'], helpUri: 'https://osv.dev/vulnerability/GHSA-lod1-0001-0001' });
    expect(rule.helpMarkdown).toContain('Long text.\n\nMore text.');
    expect(rule.helpMarkdown).toContain('- https://example.test/a');
  });

  it('truncates long details at a line break', () => {
    const text = `${'a'.repeat(70)}\n${'b'.repeat(70)}`;
    expect(truncateMarkdown(text, 100)).toBe(`${'a'.repeat(70)}\n\n… (truncated; the full text is in the references)`);
  });
});
