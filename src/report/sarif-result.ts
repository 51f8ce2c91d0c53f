// One Finding -> one SARIF result. Everything a result carries comes from declared Finding fields; a secret
// appears only as the scanner's redacted `preview`.

import { fingerprint } from '../fingerprint.js';
import type { Finding, Fix, ScanError, Suppression } from '../model.js';
import { sarifLevel } from './rule-help.js';
import type {
  SarifFix,
  SarifLocation,
  SarifNotification,
  SarifRegion,
  SarifResult,
  SarifResultProperties,
  SarifSuppression,
} from './sarif-types.js';
import { SRCROOT, relativeArtifactUri } from './sarif-uri.js';

export const FINGERPRINT_KEY = 'shiftguard/v1';

function positiveInt(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * SARIF regions are 1-based with an exclusive endColumn (3.30). Columns the scanner did not know are left out
 * rather than guessed; an end column that would make an empty or inverted range on one line is dropped.
 */
type FindingSpan = Pick<Finding, 'startLine' | 'endLine' | 'startColumn' | 'endColumn'>;

export function findingRegion(finding: FindingSpan): SarifRegion {
  const startLine = positiveInt(finding.startLine) ?? 1;
  const endLine = Math.max(startLine, positiveInt(finding.endLine) ?? startLine);
  const region: SarifRegion = { startLine, endLine };
  const startColumn = positiveInt(finding.startColumn);
  if (startColumn === undefined) return region;
  region.startColumn = startColumn;
  const endColumn = positiveInt(finding.endColumn);
  if (endColumn !== undefined && (endLine > startLine || endColumn > startColumn)) region.endColumn = endColumn;
  return region;
}

export function artifactLocation(path: string, region?: SarifRegion): SarifLocation {
  const physicalLocation: SarifLocation['physicalLocation'] = {
    artifactLocation: { uri: relativeArtifactUri(path), uriBaseId: SRCROOT },
  };
  if (region) physicalLocation.region = region;
  return { physicalLocation };
}

/**
 * GitHub matches alerts across uploads by primaryLocationLineHash and must be given one on direct REST uploads.
 * Ours derives from the content fingerprint (never a line number, so an alert survives lines moving) plus the
 * occurrence number of that fingerprint in its file, as CodeQL's "hash:n" does, so two identical findings in one
 * file stay two alerts.
 */
export function primaryLocationLineHash(findingFingerprint: string, occurrence: number): string {
  return `${fingerprint('primaryLocationLineHash', findingFingerprint).slice(0, 16)}:${occurrence}`;
}

/** Occurrence numbers (1-based) of each finding's fingerprint among findings of the same file, in line order. */
export function fingerprintOccurrences(findings: readonly Finding[]): number[] {
  const order = findings
    .map((f, index) => ({ f, index }))
    .sort(
      (a, b) =>
        a.f.startLine - b.f.startLine || (a.f.startColumn ?? 0) - (b.f.startColumn ?? 0) || a.index - b.index,
    );
  const seen = new Map<string, number>();
  const occurrences = new Array<number>(findings.length).fill(1);
  for (const { f, index } of order) {
    const key = `${f.path}\0${f.fingerprint}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    occurrences[index] = n;
  }
  return occurrences;
}

function toSuppression(suppression: Suppression): SarifSuppression {
  // Inline comments and Kubernetes annotations live in the scanned source; config and baseline entries do not.
  const kind = suppression.kind === 'inline' || suppression.kind === 'annotation' ? 'inSource' : 'external';
  const expiry = suppression.expires ? ` (until ${suppression.expires})` : '';
  return { kind, status: 'accepted', justification: `${suppression.reason}${expiry}` };
}

/**
 * A rule's safe, exact fix for viewers that can apply one (code scanning shows suggestions from review comments
 * instead). Fix lines are whole lines without their final newline, which is what a line-only region covers.
 */
function toSarifFix(path: string, fix: Fix): SarifFix {
  const startLine = positiveInt(fix.startLine) ?? 1;
  const endLine = Math.max(startLine, positiveInt(fix.endLine) ?? startLine);
  return {
    description: { text: fix.description ?? 'Apply the suggested change.' },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(path).physicalLocation.artifactLocation,
        replacements: [{ deletedRegion: { startLine, endLine }, insertedContent: { text: fix.replacement } }],
      },
    ],
  };
}

function resultProperties(finding: Finding): SarifResultProperties {
  const properties: SarifResultProperties = {
    scanner: finding.scanner,
    severity: finding.severity,
    new: finding.new,
    inDiff: finding.inDiff,
    tags: [...finding.tags],
  };
  if (finding.resource !== undefined) properties.resource = finding.resource;
  if (finding.preview !== undefined) properties.preview = finding.preview;
  if (finding.package !== undefined) properties.package = finding.package;
  if (finding.version !== undefined) properties.version = finding.version;
  if (finding.ecosystem !== undefined) properties.ecosystem = finding.ecosystem;
  if (finding.fixedVersions !== undefined) properties.fixedVersions = [...finding.fixedVersions];
  if (finding.aliases !== undefined) properties.aliases = [...finding.aliases];
  return properties;
}

export function toSarifResult(finding: Finding, ruleIndex: number, occurrence: number): SarifResult {
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [artifactLocation(finding.path, findingRegion(finding))],
    partialFingerprints: {
      [FINGERPRINT_KEY]: finding.fingerprint,
      primaryLocationLineHash: primaryLocationLineHash(finding.fingerprint, occurrence),
    },
    properties: resultProperties(finding),
  };
  if (finding.suppressed) result.suppressions = [toSuppression(finding.suppressed)];
  if (finding.fix) result.fixes = [toSarifFix(finding.path, finding.fix)];
  return result;
}

/** A file that could not be scanned, as a notification GitHub shows on the tool status page. */
export function errorNotification(error: ScanError): SarifNotification {
  const who = error.scanner ? `${error.scanner}: ` : '';
  const notification: SarifNotification = {
    level: 'error',
    message: { text: `${who}${error.path || '(no path)'} was not scanned: ${error.reason}` },
  };
  if (error.path && error.path !== '.') notification.locations = [artifactLocation(error.path)];
  return notification;
}

/**
 * A report warning (expired exception, malformed ignore comment): a configuration problem, not a finding. Its path
 * may be the config file or an exception's glob, so it stays in the text rather than becoming a location.
 */
export function warningNotification(warning: ScanError): SarifNotification {
  const who = warning.scanner ? `${warning.scanner}: ` : '';
  return { level: 'warning', message: { text: `${who}${warning.path}: ${warning.reason}` } };
}
