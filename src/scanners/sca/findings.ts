import { fingerprint } from '../../fingerprint.js';
import type { RawFinding, RuleMeta } from '../../model.js';
import { installParts } from './install-identity.js';
import { fixedVersionsFor } from './osv/match.js';
import type { OsvRecord } from './osv/record.js';
import { advisorySeverity } from './severity.js';
import type { Package } from './types.js';

// One finding per (advisory, installed copy of a package version, lockfile), and one dynamic rule per advisory.

const HELP_LIMIT = 6000;
const REFERENCE_LIMIT = 20;

function cweTags(record: OsvRecord): string[] {
  const ids = record.database_specific?.cwe_ids;
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id) => (typeof id === 'string' && /^CWE-\d+$/.test(id) ? [`cwe:${id.slice(4)}`] : []));
}

function summaryOf(record: OsvRecord): string {
  const firstLine = record.details?.trim().split('\n')[0]?.trim();
  return (record.summary?.trim() || firstLine || record.id).replace(/\.$/, '');
}

export function advisoryTags(record: OsvRecord): string[] {
  return ['security', 'sca', ...cweTags(record)];
}

export function advisoryFinding(record: OsvRecord, pkg: Package, path: string): RawFinding {
  const { severity } = advisorySeverity(record);
  const fixed = fixedVersionsFor(record, pkg);
  const fix = fixed.next ? `Fixed in ${fixed.next}` : 'No fixed version is known';
  return {
    scanner: 'sca',
    ruleId: record.id,
    severity,
    path,
    startLine: pkg.line,
    endLine: pkg.line,
    message: `${pkg.name}@${pkg.version} is vulnerable: ${summaryOf(record)}. ${fix}`,
    // Name, version and install place, not the line: an unchanged package stays "existing" when lines move,
    // an upgrade to another still-vulnerable version is a new finding, and so is a copy installed at a new place.
    fingerprint: fingerprint(record.id, path, pkg.ecosystem, pkg.name, pkg.version, ...installParts(pkg)),
    tags: advisoryTags(record),
    package: pkg.name,
    version: pkg.version,
    ecosystem: pkg.ecosystem,
    fixedVersions: fixed.all,
    aliases: record.aliases ?? [],
  };
}

/** Cuts long advisory text at a paragraph or line break before the limit. */
export function truncateMarkdown(text: string, limit = HELP_LIMIT): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const at = Math.max(cut.lastIndexOf('\n\n'), cut.lastIndexOf('\n'));
  return `${(at > limit / 2 ? cut.slice(0, at) : cut).trimEnd()}\n\n… (truncated; the full text is in the references)`;
}

export function advisoryRule(record: OsvRecord): RuleMeta {
  const { severity, score } = advisorySeverity(record);
  const references = (record.references ?? []).map((r) => r.url).slice(0, REFERENCE_LIMIT);
  const aliases = record.aliases?.length ? ` (${record.aliases.join(', ')})` : '';
  const help = [
    `**${summaryOf(record)}**${aliases}`,
    record.details ? truncateMarkdown(record.details.trim()) : '',
    references.length ? `References:\n${references.map((u) => `- ${u}`).join('\n')}` : '',
  ].filter((p) => p !== '');
  return {
    id: record.id,
    scanner: 'sca',
    title: summaryOf(record),
    severity,
    description: `${summaryOf(record)}${aliases}`,
    remediation: 'Upgrade the package to a fixed version (see the finding), or remove it.',
    references,
    tags: advisoryTags(record),
    helpMarkdown: help.join('\n\n'),
    // Every OSV id has a page on osv.dev, whichever database published it.
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
    ...(score !== undefined ? { securitySeverity: score } : {}),
  };
}
