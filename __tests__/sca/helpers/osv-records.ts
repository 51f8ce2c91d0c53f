import type { OsvRecord } from '../../../src/scanners/sca/osv/record.js';

// Small OSV records of our own that exercise the tricky shapes real advisories have.

type Events = Array<Record<string, string>>;

export function record(id: string, ecosystem: string, name: string, events: Events, extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    summary: `${name} is vulnerable (${id})`,
    aliases: [`CVE-2099-${id.slice(-4)}`],
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    ...extra,
  };
}

export const TRICKY: OsvRecord[] = [
  record('GHSA-lod1-0001-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]),
  // Capitalised npm name, matched case-insensitively.
  record('GHSA-axi1-0001-0001', 'npm', 'Axios', [{ introduced: '1.3.2' }, { fixed: '1.7.4' }]),
  // "introduced: 1.0" is not full semver.
  record('GHSA-nfe1-0001-0001', 'npm', 'node-fetch', [{ introduced: '1.0' }, { fixed: '2.6.7' }]),
  // last_affected: the named version is still affected.
  record('GHSA-trm1-0001-0001', 'npm', 'lodash.trim', [{ introduced: '0' }, { last_affected: '4.5.1' }]),
  // Two release lines of one package in two affected entries.
  {
    id: 'GHSA-ws01-0001-0001',
    summary: 'ws DoS',
    affected: [
      { package: { ecosystem: 'npm', name: 'ws' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '7.0.0' }, { fixed: '7.5.10' }] }] },
      { package: { ecosystem: 'npm', name: 'ws' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '8.0.0' }, { fixed: '8.17.1' }] }] },
    ],
  },
  // Withdrawn: never matches.
  record('GHSA-wdn1-0001-0001', 'npm', 'lodash', [{ introduced: '0' }], { withdrawn: '2024-01-01T00:00:00Z' }),
  // Explicit versions list and a GIT range that must be ignored.
  {
    id: 'OSV-2099-1',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Jinja2' },
        ranges: [{ type: 'GIT', events: [{ introduced: '0' }, { fixed: 'abc123' }] }],
        versions: ['2.10', '2.10.1'],
      },
    ],
  },
  // SEMVER range with a limit event.
  {
    id: 'OSV-2099-2',
    affected: [
      { package: { ecosystem: 'crates.io', name: 'tokio' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.20.0' }] }] },
    ],
  },
  record('GHSA-yml1-0001-0001', 'PyPI', 'PyYAML', [{ introduced: '0' }, { fixed: '5.4' }]),
];
