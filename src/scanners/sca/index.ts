import type { ScanInput, ScanOutput, Scanner } from '../../model.js';
import { advisorySourceFor } from './advisory-source.js';
import { scaConfigSchema } from './config.js';
import { detectLockfile } from './lockfiles/index.js';
import { parseLockfileInTree } from './lockfiles/tree.js';
import { loadScaRules } from './rules.js';
import { scanLockfiles, type ParsedLockfileTarget } from './scan.js';
import { withHiddenLockfileLicences } from './side-licences.js';

// The SCA scanner: lockfiles (with requirements.txt includes and pom.xml parents inside the repository) -> packages ->
// OSV advisories from the run's advisory source, plus the licence policy.

async function parseTargets(input: ScanInput, licencesWanted: boolean): Promise<ParsedLockfileTarget[]> {
  const out: ParsedLockfileTarget[] = [];
  const seen = new Set(input.targets.map((t) => t.path));
  for (const target of input.targets) {
    // The file itself first, then its requirements includes; pom.xml local parents are folded into it.
    const entries = await parseLockfileInTree(target.path, target.content, input.tree, { seen });
    for (const [index, { path, result }] of entries.entries()) {
      const own = index === 0;
      const packages = own && licencesWanted ? await withHiddenLockfileLicences(path, result.packages, input.tree) : result.packages;
      const error = result.error && (own ? `malformed lockfile: ${result.error}` : result.error);
      out.push({ path, packages, ...(error ? { error } : {}) });
    }
  }
  return out;
}

export const scaScanner: Scanner = {
  id: 'sca',
  rules: () => loadScaRules().map((r) => r.meta),
  accepts: (path) => detectLockfile(path) !== undefined,
  async scan(input: ScanInput): Promise<ScanOutput> {
    const config = scaConfigSchema.parse(input.config ?? {});
    const policy = config.licenses;
    const lockfiles = await parseTargets(input, Boolean(policy.allow || policy.deny || policy.reportUnknown));
    const licenceRules = new Map(loadScaRules().map((r) => [r.meta.id, r.meta]));
    return scanLockfiles(lockfiles, { config, source: advisorySourceFor(input.services, config), licenceRules });
  },
};
