import type { RawFinding, RuleMeta, ScanError, ScanOutput } from '../../model.js';
import { fingerprint } from '../../fingerprint.js';
import type { ScaConfig } from './config.js';
import { advisoryFinding, advisoryRule } from './findings.js';
import { installParts } from './install-identity.js';
import { evaluateLicence, licenceException } from './license-policy.js';
import { packageVersionKey } from './sources/keys.js';
import type { AdvisorySource } from './sources/types.js';
import type { Package } from './types.js';

// The SCA scan once lockfiles are parsed: one advisory query for every package of every lockfile, then
// advisory and licence findings on the package's lockfile line. Pure apart from the injected source.

export interface ParsedLockfileTarget {
  path: string;
  packages: Package[];
  /** Why the lockfile could not be read whole (malformed, include outside the repo); packages may be partial. */
  error?: string;
}

export interface ScanLockfilesOptions {
  config: ScaConfig;
  source: AdvisorySource;
  /** Metadata of the built-in licence rules, by id (severity and tags come from rules/sca/*.yaml). */
  licenceRules: ReadonlyMap<string, RuleMeta>;
}

function incomplete(error: ScanError): ScanError {
  const reason = error.reason.startsWith('SCA incomplete:') ? error.reason : `SCA incomplete: ${error.reason}`;
  return { ...error, reason, scanner: 'sca' };
}

function licenceFindings(lockfile: ParsedLockfileTarget, options: ScanLockfilesOptions): RawFinding[] {
  const policy = options.config.licenses;
  return lockfile.packages.flatMap((pkg): RawFinding[] => {
    const verdict = evaluateLicence(pkg, policy);
    const rule = verdict && options.licenceRules.get(verdict.ruleId);
    if (!verdict || !rule) return [];
    const reason = licenceException(pkg, policy);
    return [
      {
        scanner: 'sca',
        ruleId: verdict.ruleId,
        severity: rule.severity,
        path: lockfile.path,
        startLine: pkg.line,
        endLine: pkg.line,
        message: verdict.message,
        fingerprint: fingerprint(verdict.ruleId, lockfile.path, pkg.ecosystem, pkg.name, pkg.license ?? '', ...installParts(pkg)),
        tags: rule.tags,
        package: pkg.name,
        version: pkg.version,
        ecosystem: pkg.ecosystem,
        ...(reason ? { suppressed: { kind: 'config' as const, reason } } : {}),
      },
    ];
  });
}

/**
 * One finding per fingerprint, on its first line: entries a lockfile cannot tell apart as installs (pnpm peer
 * variants, two yarn blocks of one name@version) are one finding. npm's nested copies differ by install path.
 */
function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Map<string, RawFinding>();
  for (const f of findings) {
    const prior = seen.get(f.fingerprint);
    if (!prior || f.startLine < prior.startLine) seen.set(f.fingerprint, f);
  }
  return [...seen.values()];
}

export async function scanLockfiles(lockfiles: ParsedLockfileTarget[], options: ScanLockfilesOptions): Promise<ScanOutput> {
  const errors: ScanError[] = [];
  const inScope = lockfiles.map((l) => ({
    ...l,
    packages: options.config.ignoreDev ? l.packages.filter((p) => !p.dev) : l.packages,
  }));
  for (const l of inScope) {
    if (l.error) errors.push({ path: l.path, reason: l.error, scanner: 'sca' });
  }
  const all = inScope.flatMap((l) => l.packages);
  // A package without a registry version (git, local and URL origins, an unpinned requirement) cannot be placed
  // in any advisory range: asked without a version, osv.dev answers every advisory the name ever had, and a
  // local copy's manifest version says nothing of its code. Its licence is still checked.
  const versioned = all.filter((p) => p.version !== '' && !p.origin);
  const result = versioned.length > 0 ? await options.source.query(versioned) : { byPackage: new Map(), errors: [], complete: true };
  errors.push(...result.errors.map(incomplete));
  if (!result.complete && result.errors.length === 0) {
    errors.push({ path: inScope.map((l) => l.path).join(', '), reason: 'SCA incomplete: the advisory source could not check every package', scanner: 'sca' });
  }

  const findings: RawFinding[] = [];
  const rules = new Map<string, RuleMeta>();
  for (const lockfile of inScope) {
    for (const pkg of lockfile.packages) {
      for (const record of result.byPackage.get(packageVersionKey(pkg)) ?? []) {
        findings.push(advisoryFinding(record, pkg, lockfile.path));
        if (!rules.has(record.id)) rules.set(record.id, advisoryRule(record));
      }
    }
    findings.push(...licenceFindings(lockfile, options));
  }
  const unique = dedupe(findings);
  return {
    findings: unique,
    errors,
    rules: [...rules.values()],
    stats: {
      lockfiles: inScope.length, packages: all.length, unversioned: all.length - versioned.length,
      advisories: rules.size, vulnerable: unique.filter((f) => f.aliases).length,
    },
  };
}
