import { main } from '../../src/commands/main.js';
import { memoryIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';
import { record } from '../sca/helpers/osv-records.js';
import { packageLock } from '../sca/helpers/package-lock.js';

// Fail closed in the CLI as in the action: what could not be scanned is never a pass, unless failOnError says so.

describe('shiftguard scan with an incomplete scan', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    dir.write('package-lock.json', packageLock({ lodash: '4.17.15' }));
    const lodash = record('GHSA-lodx-0001-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]);
    dir.write('db/npm/GHSA-lodx-0001-0001.json', JSON.stringify(lodash));
  });
  afterEach(() => dir.remove());

  const run = async (...args: string[]) => {
    const { io, stdout, stderr } = memoryIo(dir.root);
    const code = await main(['scan', '--scanners', 'sca', ...args], io);
    return { code, stdout: stdout(), stderr: stderr() };
  };

  it('an unreadable advisory DB: exit 2, one line on stderr, the text summary says why', async () => {
    const result = await run('--advisory-db', 'missing.zip');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^shiftguard: scan incomplete, not a pass: .*SCA incomplete: advisory DB rejected.*; set failOnError: false \(or --fail-on-error false\)/),
      '',
    ]);
    expect(result.stdout).toMatch(/^Could not scan:$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^fail: no new findings at or above high; scan incomplete: 1 file or source could not be scanned — /,
    );
  });

  it('json carries the verdict, the reason and failOnError', async () => {
    const result = await run('--advisory-db', 'missing.zip', '--format', 'json');
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as { summary: Record<string, unknown>; errors: unknown[] };
    expect(json.errors).toHaveLength(1);
    expect(json.summary).toMatchObject({ verdict: 'fail', failing: 0, errors: 1, failOnError: true });
    expect(json.summary.reason).toMatch(/scan incomplete/);
  });

  it('--fail-on-error false or config failOnError: false turn it into a listed warning (exit 0)', async () => {
    const flag = await run('--advisory-db', 'missing.zip', '--fail-on-error', 'false');
    expect(flag.code).toBe(0);
    expect(flag.stderr).toBe('');
    expect(flag.stdout).toMatch(/pass: no new findings at or above high; 1 file or source could not be scanned \(failOnError: false, warning only\)/);
    dir.write('.shiftguard.yml', 'failOnError: false\n');
    expect((await run('--advisory-db', 'missing.zip')).code).toBe(0);
    // The flag wins over the config, both ways.
    expect((await run('--advisory-db', 'missing.zip', '--fail-on-error', 'true')).code).toBe(2);
    expect((await run('--fail-on-error', 'maybe')).code).toBe(2);
  });

  it('findings at or above the threshold still exit 1 when something else could not be scanned', async () => {
    dir.write('broken/package-lock.json', '{"lockfileVersion": 3, "packages": {');
    const result = await run('--advisory-db', 'db');
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^fail: 1 new finding at or above high; scan incomplete: 1 file or source could not be scanned/);
  });

  it('a complete scan of a clean lockfile passes (exit 0)', async () => {
    dir.write('package-lock.json', packageLock({ lodash: '4.17.21' }));
    const result = await run('--advisory-db', 'db');
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });
});
