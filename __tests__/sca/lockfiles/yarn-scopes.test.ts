import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';
import { parseLockfileInTree } from '../../../src/scanners/sca/lockfiles/tree.js';
import { scopeYarnPackages } from '../../../src/scanners/sca/lockfiles/yarn-scopes.js';
import { memoryTree } from '../../helpers/memory-tree.js';

// yarn.lock has no scope; the package.json beside it does. app -> (left-pad, shared); devDependencies -> (testkit ->
// shared, mocker). shared is reachable from both, so it is not dev-only.

const V1 = [
  '# yarn lockfile v1',
  '',
  'left-pad@^1.3.0:',
  '  version "1.3.0"',
  '',
  '"@acme/shared@^2.0.0", "@acme/shared@^2.1.0":',
  '  version "2.1.4"',
  '',
  'testkit@^5.0.0:',
  '  version "5.2.0"',
  '  dependencies:',
  '    "@acme/shared" "^2.1.0"',
  '    mocker "^0.4.0 || ^0.5.0"',
  '',
  '"mocker@^0.4.0 || ^0.5.0":',
  '  version "0.5.1"',
  '',
  'orphan@^1.0.0:',
  '  version "1.0.0"',
  '',
].join('\n');

const BERRY = [
  '__metadata:',
  '  version: 8',
  '',
  '"app@workspace:.":',
  '  version: 0.0.0-use.local',
  '  resolution: "app@workspace:."',
  '  dependencies:',
  '    left-pad: "npm:^1.3.0"',
  '',
  '"left-pad@npm:^1.3.0":',
  '  version: 1.3.0',
  '  resolution: "left-pad@npm:1.3.0"',
  '',
  '"@acme/shared@npm:^2.0.0, @acme/shared@npm:^2.1.0":',
  '  version: 2.1.4',
  '  resolution: "@acme/shared@npm:2.1.4"',
  '',
  '"testkit@npm:^5.0.0":',
  '  version: 5.2.0',
  '  resolution: "testkit@npm:5.2.0"',
  '  dependencies:',
  '    "@acme/shared": "npm:^2.1.0"',
  '    mocker: "npm:^0.4.0 || ^0.5.0"',
  '',
  '"mocker@npm:^0.4.0 || ^0.5.0":',
  '  version: 0.5.1',
  '  resolution: "mocker@npm:0.5.1"',
  '',
].join('\n');

const MANIFEST = JSON.stringify({
  name: 'app',
  dependencies: { 'left-pad': '^1.3.0', '@acme/shared': '^2.0.0' },
  devDependencies: { testkit: '^5.0.0' },
});

const scopes = (text: string, manifest: string) =>
  Object.fromEntries(scopeYarnPackages(parseLockfile('yarn.lock', text)!.packages, text, manifest).map((p) => [p.name, [p.direct, p.dev]]));

describe.each([['v1', V1], ['berry', BERRY]])('yarn.lock %s scoped by its package.json', (_kind, text) => {
  it('direct and dev-only packages follow the manifest and the lockfile graph', () => {
    expect(scopes(text, MANIFEST)).toMatchObject({
      'left-pad': [true, false],
      '@acme/shared': [true, false],
      testkit: [true, true],
      mocker: [false, true],
    });
  });

  it('workspaces, a manifest out of step with the lockfile, or no JSON leave the scope unknown', () => {
    const unknown = (manifest: string) => Object.values(scopes(text, manifest)).every(([direct, dev]) => direct === undefined && dev === undefined);
    expect(unknown(JSON.stringify({ workspaces: ['packages/*'], dependencies: { 'left-pad': '^1.3.0' } }))).toBe(true);
    expect(unknown(JSON.stringify({ dependencies: { 'left-pad': '^9.0.0' } }))).toBe(true);
    expect(unknown('{ not json')).toBe(true);
  });
});

it('an entry no root reaches keeps an unknown scope', () => {
  expect(scopes(V1, MANIFEST).orphan).toEqual([undefined, undefined]);
});

it('the SCA scan and deps read the package.json beside the lockfile', async () => {
  const tree = memoryTree({ 'web/yarn.lock': V1, 'web/package.json': MANIFEST });
  const [entry] = await parseLockfileInTree('web/yarn.lock', V1, tree);
  expect(entry!.result.packages.find((p) => p.name === 'mocker')).toMatchObject({ dev: true, direct: false });
  const [alone] = await parseLockfileInTree('yarn.lock', V1, memoryTree({ 'yarn.lock': V1 }));
  expect(alone!.result.packages.find((p) => p.name === 'mocker')?.dev).toBeUndefined();
});
