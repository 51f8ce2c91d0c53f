import type { ScanInput, ScanOutput, Scanner } from '../../model.js';
import { advisorySourceFor } from './advisory-source.js';
import { scaConfigSchema } from './config.js';
import { detectLockfile, parseLockfile } from './lockfiles/index.js';
import { followIncludes } from './lockfiles/includes.js';
import { loadScaRules } from './rules.js';
import { scanLockfiles, type ParsedLockfileTarget } from './scan.js';
import { withHiddenLockfileLicences } from './side-licences.js';

// The SCA scanner: lockfiles (and requirements.txt includes inside the repository) -> packages ->
// OSV advisories from the run's advisory source, plus the licence policy.

async function parseTargets(input: ScanInput, licencesWanted: boolean): Promise<ParsedLockfileTarget[]> {
  const out: ParsedLockfileTarget[] = [];
  const seen = new Set(input.targets.map((t) => t.path));
  for (const target of input.targets) {
    const parsed = parseLockfile(target.path, target.content);
    if (!parsed) continue;
    const packages = licencesWanted ? await withHiddenLockfileLicences(target.path, parsed.packages, input.tree) : parsed.packages;
    out.push({ path: target.path, packages, ...(parsed.error ? { error: `malformed lockfile: ${parsed.error}` } : {}) });
    for (const inc of await followIncludes(target.path, parsed, input.tree, seen)) {
      out.push({ path: inc.path, packages: inc.result.packages, ...(inc.result.error ? { error: inc.result.error } : {}) });
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
