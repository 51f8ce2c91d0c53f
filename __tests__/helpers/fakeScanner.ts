import { fingerprint } from '../../src/fingerprint.js';
import type { RawFinding, RuleMeta, ScanServices, Scanner, ScannerId } from '../../src/model.js';

export const BAD_RULE: RuleMeta = {
  id: 'no-bad',
  scanner: 'manifests',
  title: 'The word BAD',
  severity: 'high',
  description: 'Lines containing BAD are flagged.',
  remediation: 'Remove BAD.',
  references: [],
  tags: ['test'],
};

/** A scanner for pipeline tests: flags every line containing BAD in .txt/.yaml files. */
export function badWordScanner(id: ScannerId = 'manifests'): Scanner {
  return {
    id,
    rules: () => [{ ...BAD_RULE, scanner: id }],
    accepts: (path) => /\.(txt|yaml)$/.test(path),
    async scan(input) {
      const findings: RawFinding[] = [];
      for (const target of input.targets) {
        target.content.split(/\r?\n/).forEach((line, index) => {
          const column = line.indexOf('BAD');
          if (column < 0) return;
          findings.push({
            scanner: id,
            ruleId: BAD_RULE.id,
            severity: BAD_RULE.severity,
            path: target.path,
            startLine: index + 1,
            endLine: index + 1,
            startColumn: column + 1,
            endColumn: column + 4,
            message: 'found BAD',
            fingerprint: fingerprint(BAD_RULE.id, target.path, line.trim()),
            tags: [],
          });
        });
      }
      return { findings, errors: [] };
    },
  };
}

export function testServices(): ScanServices {
  return { now: () => new Date('2026-06-01T00:00:00Z'), log: () => undefined };
}
