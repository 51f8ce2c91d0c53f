import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/commands/main.js';
import { realScannersIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';

// Links are common in real repositories (a shared fixtures folder linked into each package). One whose target is
// scanned where it lives hides nothing: it is a warning, and the verdict stays a pass. A link out of the root
// hides what it points to, so that one still makes the scan incomplete.

describe('shiftguard scan and symbolic links', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    mkdirSync(join(dir.root, 'shared'));
    dir.write('shared/config.yaml', 'name: demo\n');
  });
  afterEach(() => dir.remove());

  const run = async (...args: string[]) => {
    const { io, stdout, stderr } = realScannersIo(dir.root);
    const code = await main(['scan', '--scanners', 'secrets,manifests', '--format', 'json', ...args], io);
    return { code, json: JSON.parse(stdout()) as { errors: Array<{ path: string }>; warnings: Array<{ path: string; reason: string }> }, stderr: stderr() };
  };

  it('a directory scan: links to a folder inside and broken links are warnings; the verdict is a pass', async () => {
    symlinkSync('shared', join(dir.root, 'fixtures'));
    symlinkSync('nowhere.yaml', join(dir.root, 'dangling.yaml'));
    const result = await run('.');
    expect(result.code).toBe(0);
    expect(result.json.errors).toEqual([]);
    expect(result.json.warnings.map((w) => w.path).sort()).toEqual(['dangling.yaml', 'fixtures']);
    expect(result.stderr).toMatch(/warning: fixtures: symlink to a directory; not followed \(its target is scanned in place\)/);
  });

  it('a link out of the root still makes the scan incomplete (exit 2), next to the harmless ones', async () => {
    const outside = new TempDir();
    try {
      symlinkSync(outside.root, join(dir.root, 'escape'));
      symlinkSync('shared', join(dir.root, 'fixtures'));
      const result = await run('.');
      expect(result.code).toBe(2);
      expect(result.json.errors.map((e) => e.path)).toEqual(['escape']);
      expect(result.json.warnings.map((w) => w.path)).toEqual(['fixtures']);
    } finally {
      outside.remove();
    }
  });

  it('a pull request adding links (one to a folder, one to /etc/passwd): warnings, never read, a pass', async () => {
    dir.git('init', '-q', '-b', 'main');
    dir.commit('base');
    dir.git('checkout', '-q', '-b', 'feature');
    symlinkSync('shared', join(dir.root, 'fixtures'));
    symlinkSync('/etc/passwd', join(dir.root, 'passwd.yaml'));
    dir.commit('links');
    const result = await run('--base', 'main');
    expect(result.code).toBe(0);
    expect(result.json.errors).toEqual([]);
    expect(result.json.warnings.map((w) => `${w.path}: ${w.reason}`).sort()).toEqual([
      'fixtures: symlink; not followed (its target is scanned where it lives)',
      'passwd.yaml: symlink; not followed (its target is scanned where it lives)',
    ]);
  });
});
