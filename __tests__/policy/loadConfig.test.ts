import { ConfigError } from '../../src/errors.js';
import { loadConfig, parseConfig } from '../../src/policy/loadConfig.js';
import { TempDir } from '../helpers/tempRepo.js';

describe('config', () => {
  test('an empty file gives the defaults', () => {
    const config = parseConfig('', 'x');
    expect(config).toMatchObject({ failOn: 'high', exclude: [], exceptions: [], maxFileBytes: 5 * 1024 * 1024 });
    expect(config.scanners).toEqual({ secrets: true, sca: true, manifests: true });
    expect(config.review).toEqual({ minSeverity: 'medium', maxComments: 50 });
  });

  test.each([
    ['rules: { foo: { severity: urgent } }', 'config .shiftguard.yml: rules.foo.severity: expected one of critical|high|medium|low|info'],
    ['failOn: info', 'config .shiftguard.yml: failOn: expected one of critical|high|medium|low|none'],
    ['scaners: { sca: false }', 'config .shiftguard.yml: scaners: unknown key'],
    ['scanners: { sca: no-thanks }', 'config .shiftguard.yml: scanners.sca: Invalid input: expected boolean, received string'],
    ['exceptions: [{ rule: x }]', 'config .shiftguard.yml: exceptions.0.reason: Invalid input: expected string, received undefined'],
    ['exceptions: [{ rule: x, reason: y, expires: soon }]', 'config .shiftguard.yml: exceptions.0.expires: expected a date as YYYY-MM-DD'],
    ['manifests: { nope: 1 }', 'config .shiftguard.yml: manifests.nope: unknown key'],
    ['failOn: [', 'config .shiftguard.yml: invalid YAML:'],
    ['review: { minSeverity: urgent }', 'config .shiftguard.yml: review.minSeverity: expected one of critical|high|medium|low|info'],
    ['review: { maxComments: 500 }', 'config .shiftguard.yml: review.maxComments:'],
  ])('%s is rejected with a message naming the key', (text, message) => {
    expect(() => parseConfig(text, '.shiftguard.yml')).toThrow(ConfigError);
    expect(() => parseConfig(text, '.shiftguard.yml')).toThrow(message);
  });

  test('loadConfig finds .shiftguard.yml in the root; an explicit missing file is an error', async () => {
    const dir = new TempDir();
    try {
      expect((await loadConfig({ root: dir.root })).source).toBeNull();
      dir.write('.shiftguard.yml', 'failOn: high\n');
      const loaded = await loadConfig({ root: dir.root });
      expect(loaded.config.failOn).toBe('high');
      await expect(loadConfig({ root: dir.root, file: `${dir.root}/missing.yml` })).rejects.toThrow(/cannot read/);
    } finally {
      dir.remove();
    }
  });
});
