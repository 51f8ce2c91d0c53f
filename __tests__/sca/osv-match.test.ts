import { fixedVersionsFor, recordAffects } from '../../src/scanners/sca/osv/match.js';
import { toOsvRecord } from '../../src/scanners/sca/osv/record.js';
import { TRICKY } from './helpers/osv-records.js';

function affecting(ecosystem: string, name: string, version: string): string[] {
  return TRICKY.filter((r) => recordAffects(r, { ecosystem, name, version })).map((r) => r.id);
}

describe('OSV range evaluation', () => {
  it.each([
    ['npm', 'lodash', '4.17.15', ['GHSA-lod1-0001-0001']],
    ['npm', 'lodash', '4.17.21', []],
    ['npm', 'axios', '1.6.0', ['GHSA-axi1-0001-0001']],
    ['npm', 'axios', '1.3.1', []],
    ['npm', 'node-fetch', '1.0.0', ['GHSA-nfe1-0001-0001']],
    ['npm', 'node-fetch', '0.9.0', []],
    ['npm', 'lodash.trim', '4.5.1', ['GHSA-trm1-0001-0001']],
    ['npm', 'lodash.trim', '4.5.2', []],
    ['npm', 'ws', '7.4.5', ['GHSA-ws01-0001-0001']],
    ['npm', 'ws', '7.5.10', []],
    ['npm', 'ws', '8.0.0', ['GHSA-ws01-0001-0001']],
    ['PyPI', 'jinja2', '2.10.1', ['OSV-2099-1']],
    ['PyPI', 'Jinja2', '2.11', []],
    ['PyPI', 'pyyaml', '5.3.1', ['GHSA-yml1-0001-0001']],
    ['PyPI', 'py_yaml', '5.3.1', []],
    ['crates.io', 'tokio', '1.19.9', ['OSV-2099-2']],
    ['crates.io', 'tokio', '1.20.0', []],
    ['crates.io', 'Tokio', '1.19.9', []],
    ['Go', 'lodash', '4.17.15', []],
  ])('%s %s@%s', (ecosystem, name, version, ids) => {
    expect(affecting(ecosystem, name, version)).toEqual(ids);
  });

  it('places no empty version in a range, not even one introduced at 0', () => {
    const lodash = TRICKY.find((r) => r.id === 'GHSA-lod1-0001-0001')!;
    expect(recordAffects(lodash, { ecosystem: 'npm', name: 'lodash', version: '' })).toBe(false);
  });

  it('PEP 503-normalises PyPI names on both sides', () => {
    const r = TRICKY.find((x) => x.id === 'GHSA-yml1-0001-0001')!;
    expect(recordAffects(r, { ecosystem: 'PyPI', name: 'pyyaml', version: '5.1' })).toBe(true);
    expect(recordAffects(r, { ecosystem: 'PyPI', name: 'PyYaml', version: '5.1' })).toBe(true);
  });

  it('lists fixed versions in order and picks the smallest at or above the current one', () => {
    const ws = TRICKY.find((x) => x.id === 'GHSA-ws01-0001-0001')!;
    expect(fixedVersionsFor(ws, { ecosystem: 'npm', name: 'ws', version: '8.2.0' })).toEqual({ all: ['7.5.10', '8.17.1'], next: '8.17.1' });
    expect(fixedVersionsFor(ws, { ecosystem: 'npm', name: 'ws', version: '7.4.5' }).next).toBe('7.5.10');
  });

  it('narrows untrusted JSON and refuses records without an id', () => {
    expect(toOsvRecord({ summary: 'x' })).toBeNull();
    expect(toOsvRecord([1])).toBeNull();
    const r = toOsvRecord({ id: 'X-1', affected: [{ package: { ecosystem: 'npm' } }, 'junk'], severity: [{ type: 'CVSS_V3' }] });
    expect(r).toEqual({ id: 'X-1', severity: [], affected: [{ ranges: [] }], references: [] });
  });
});
