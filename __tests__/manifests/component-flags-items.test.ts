import { componentFlags, holds } from '../../src/scanners/manifests/templates/component-flags.js';

const flagsOf = (...command: string[]) => componentFlags({ command: ['kubelet', ...command] }, ['spec', 'containers', 0], 'kubelet')!;
const strong = { flag: '--tls-cipher-suites', subsetOf: ['TLS_A_GCM', 'TLS_B_GCM'], missing: 'pass' as const };

describe('component-flags subsetOf', () => {
  it('holds when every comma-separated item is allowed', () => {
    expect(holds(strong, flagsOf('--tls-cipher-suites=TLS_A_GCM, TLS_B_GCM'))).toBe(true);
  });
  it('fails when one item is outside the list', () => {
    expect(holds(strong, flagsOf('--tls-cipher-suites=TLS_A_GCM,TLS_RSA_3DES'))).toBe(false);
  });
  it('follows missing when the flag is absent', () => {
    expect(holds(strong, flagsOf('--read-only-port=0'))).toBe(true);
    expect(holds({ ...strong, missing: 'fail' }, flagsOf())).toBe(false);
  });
});
