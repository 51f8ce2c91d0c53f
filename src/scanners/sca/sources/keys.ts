import { packageKey } from '../osv/names.js';
import type { PackageRef } from '../osv/match.js';

/** The byPackage key of one package version. */
export function packageVersionKey(pkg: PackageRef): string {
  return `${packageKey(pkg.ecosystem, pkg.name)}\u0000${pkg.version}`;
}

const FIELD = /"(ecosystem|name)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Every (ecosystem, name) key a record's text could match, found without parsing the JSON: all
 * "ecosystem" values paired with all "name" values. A superset (credits also have names) is fine —
 * candidates are checked against the parsed record — while a missed key would hide an advisory.
 */
export function candidateKeys(text: string): string[] {
  const ecosystems = new Set<string>();
  const names = new Set<string>();
  for (const m of text.matchAll(FIELD)) (m[1] === 'ecosystem' ? ecosystems : names).add(unescape(m[2]!));
  const keys: string[] = [];
  for (const e of ecosystems) for (const n of names) keys.push(packageKey(e, n));
  return keys;
}
