import type { RawFinding, RuleMeta, ScanError, ScanInput, ScanOutput, Scanner } from '../../model.js';
import { secretsConfigSchema } from './config.js';
import { hasBinaryExtension } from './file-kind.js';
import { customRulesFor } from '../../rules/custom-service.js';
import { loadBuiltinRules, toRuleMeta } from '../../rules/load.js';
import { buildRuleSet, builtinRuleSet } from './rule-set.js';
import { FileScanner } from './scan-file.js';

let builtinMetas: RuleMeta[] | undefined;

export const secretsScanner: Scanner = {
  id: 'secrets',
  // Metadata only: compiling the detector's ~300 patterns is left to a run that has files to scan.
  rules: () => (builtinMetas ??= loadBuiltinRules('secrets').map(toRuleMeta)),
  // Secrets hide in any text file; only formats that cannot hold text are left out here (content checks
  // for binary and minified files happen in scan and are counted).
  accepts: (path) => !hasBinaryExtension(path),
  // Each file is checked on its own, so a large scan can hand files over in batches.
  independentFiles: true,
  async scan(input: ScanInput): Promise<ScanOutput> {
    const parsed = secretsConfigSchema.safeParse(input.config ?? undefined);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `secrets.${i.path.join('.')}: ${i.message}`).join('; ');
      return { findings: [], errors: [{ path: '.shiftguard.yml', reason, scanner: 'secrets' }] };
    }
    if (input.targets.length === 0) return { findings: [], errors: [], stats: { filesScanned: 0 } };
    // The repository's own rules (.shiftguard/rules) join the built-in ones in one detector.
    const custom = customRulesFor(input.services, 'secrets');
    const rules = custom.length ? buildRuleSet([...loadBuiltinRules('secrets'), ...custom]) : builtinRuleSet();
    const scanner = new FileScanner({ rules, config: parsed.data });
    const findings: RawFinding[] = [];
    const errors: ScanError[] = [];
    const stats: Record<string, number> = { filesScanned: 0, 'skipped.binary': 0, 'skipped.minified': 0 };
    for (const target of input.targets) {
      const result = scanner.scan(target);
      if (result.skipped) {
        stats[`skipped.${result.skipped}`] = (stats[`skipped.${result.skipped}`] ?? 0) + 1;
        continue;
      }
      stats.filesScanned = (stats.filesScanned ?? 0) + 1;
      findings.push(...result.findings);
    }
    return { findings, errors, stats, ...(custom.length ? { rules: rules.metas.filter((m) => custom.some((c) => c.id === m.id)) } : {}) };
  },
};
