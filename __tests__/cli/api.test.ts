import { scan, toJson } from '../../src/index.js';
import { badWordScanner, testServices } from '../helpers/fakeScanner.js';
import { TempDir } from '../helpers/tempRepo.js';

describe('programmatic API', () => {
  test('scan() returns the report the JSON output prints, with paths relative to the repository', async () => {
    const repo = new TempDir().init();
    try {
      repo.write('deploy/app.yaml', 'x: BAD\n').write('docs/readme.txt', 'BAD too\n').commit('base');
      const report = await scan({
        cwd: `${repo.root}/deploy`,
        scanners: ['manifests'],
        scannerImpls: { manifests: badWordScanner() },
        services: testServices(),
      });
      expect(report.findings.map((f) => f.path)).toEqual(['deploy/app.yaml']);
      expect(report.tool.name).toBe('shiftguard');
      const json = JSON.parse(toJson(report)) as Record<string, unknown>;
      expect(json).toEqual(JSON.parse(JSON.stringify({ findings: report.findings, errors: report.errors, summary: report.summary })));
    } finally {
      repo.remove();
    }
  });
});
