import { scaConfigSchema } from '../../src/scanners/sca/config.js';
import { evaluateLicence, licenceException } from '../../src/scanners/sca/license-policy.js';
import type { Package } from '../../src/scanners/sca/types.js';

const pkg = (license?: string): Package => ({ name: 'left-pad', version: '1.3.0', ecosystem: 'npm', line: 3, ...(license ? { license } : {}) });
const policy = (p: Record<string, unknown>) => scaConfigSchema.parse({ licenses: p }).licenses;

describe('licence policy', () => {
  it('denies a licence, but not an OR that offers a clean choice', () => {
    const deny = policy({ deny: ['GPL-3.0-only', 'AGPL-3.0-or-later'] });
    expect(evaluateLicence(pkg('GPL-3.0-only'), deny)?.ruleId).toBe('license-denied');
    expect(evaluateLicence(pkg('MIT AND GPL-3.0-only'), deny)?.ruleId).toBe('license-denied');
    expect(evaluateLicence(pkg('(MIT OR GPL-3.0-only)'), deny)).toBeNull();
    expect(evaluateLicence(pkg('MIT'), deny)).toBeNull();
  });

  it('requires licences to be satisfiable by the allow list, including + ranges', () => {
    const allow = policy({ allow: ['MIT', 'Apache-2.0', 'GPL-2.0+'] });
    expect(evaluateLicence(pkg('MIT'), allow)).toBeNull();
    expect(evaluateLicence(pkg('GPL-3.0-only'), allow)).toBeNull();
    expect(evaluateLicence(pkg('MIT OR BSD-3-Clause'), allow)).toBeNull();
    expect(evaluateLicence(pkg('BSD-3-Clause'), allow)).toMatchObject({
      ruleId: 'license-not-allowed',
      message: 'left-pad@1.3.0 is licensed BSD-3-Clause, which is not in the allowed licences (MIT, Apache-2.0, GPL-2.0+)',
    });
  });

  it('reports unknown licences only when the policy asks', () => {
    expect(evaluateLicence(pkg(), policy({ allow: ['MIT'] }))).toBeNull();
    expect(evaluateLicence(pkg(), policy({ reportUnknown: true }))?.ruleId).toBe('license-unknown');
    expect(evaluateLicence(pkg('SEE LICENSE IN LICENSE.md'), policy({ reportUnknown: true }))?.message).toMatch(/not an SPDX expression/);
  });

  it('finds per-package exceptions by name or name@version', () => {
    const p = policy({ deny: ['GPL-3.0-only'], exceptions: [{ package: 'left-pad@1.3.0', reason: 'legal approved 2024-05' }] });
    expect(licenceException(pkg('GPL-3.0-only'), p)).toBe('legal approved 2024-05');
    expect(licenceException({ ...pkg('GPL-3.0-only'), version: '1.4.0' }, p)).toBeUndefined();
  });

  it('rejects compound expressions and unknown keys in the config, naming the key', () => {
    const bad = scaConfigSchema.safeParse({ licenses: { deny: ['MIT OR GPL-3.0-only'] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['licenses', 'deny', 0]);
    expect(scaConfigSchema.safeParse({ licences: {} }).success).toBe(false);
  });

  it('fills defaults', () => {
    expect(scaConfigSchema.parse(undefined)).toEqual({
      osvApiUrl: 'https://api.osv.dev',
      ignoreDev: false,
      licenses: { exceptions: [], reportUnknown: false },
    });
  });
});
