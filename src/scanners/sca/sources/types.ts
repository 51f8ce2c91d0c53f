import type { ScanError } from '../../../model.js';
import type { PackageRef } from '../osv/match.js';
import type { OsvRecord } from '../osv/record.js';

export interface AdvisoryQueryResult {
  /** Records affecting each queried package version, by packageVersionKey(). */
  byPackage: Map<string, OsvRecord[]>;
  errors: ScanError[];
  /** False when some packages could not be checked: the scan must say so, never pass silently. */
  complete: boolean;
}

/** Where advisories come from: the OSV API or an offline copy of OSV's database. */
export interface AdvisorySource {
  query(packages: readonly PackageRef[]): Promise<AdvisoryQueryResult>;
}
