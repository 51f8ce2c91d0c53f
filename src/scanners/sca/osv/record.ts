// The parts of an OSV record (https://ossf.github.io/osv-schema/) that shiftguard reads, and the
// narrowing of untrusted JSON into it. Fields we do not use are kept as they came (for reporters).

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  withdrawn?: string;
  modified?: string;
  published?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: Array<{ type?: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

function toEvent(e: Record<string, unknown>): OsvEvent {
  const event: OsvEvent = {};
  for (const key of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const value = str(e[key]);
    if (value !== undefined) event[key] = value;
  }
  return event;
}

function toAffected(a: Record<string, unknown>): OsvAffected {
  const out: OsvAffected = {};
  const pkg = a.package;
  if (isObject(pkg) && typeof pkg.ecosystem === 'string' && typeof pkg.name === 'string') {
    out.package = { ecosystem: pkg.ecosystem, name: pkg.name, ...(typeof pkg.purl === 'string' ? { purl: pkg.purl } : {}) };
  }
  out.ranges = objects(a.ranges).map((r) => ({ type: str(r.type) ?? '', events: objects(r.events).map(toEvent) }));
  const versions = strings(a.versions);
  if (versions) out.versions = versions;
  return out;
}

/** Narrows parsed JSON to an OsvRecord; null when it is not one (no string id). */
export function toOsvRecord(json: unknown): OsvRecord | null {
  if (!isObject(json) || typeof json.id !== 'string' || json.id === '') return null;
  const record: OsvRecord = { id: json.id };
  for (const key of ['summary', 'details', 'withdrawn', 'modified', 'published'] as const) {
    const value = str(json[key]);
    if (value !== undefined) record[key] = value;
  }
  const aliases = strings(json.aliases);
  if (aliases) record.aliases = aliases;
  record.severity = objects(json.severity).flatMap((s) =>
    typeof s.type === 'string' && typeof s.score === 'string' ? [{ type: s.type, score: s.score }] : [],
  );
  record.affected = objects(json.affected).map(toAffected);
  record.references = objects(json.references).flatMap((r) =>
    typeof r.url === 'string' ? [{ url: r.url, ...(typeof r.type === 'string' ? { type: r.type } : {}) }] : [],
  );
  if (isObject(json.database_specific)) record.database_specific = json.database_specific;
  return record;
}
