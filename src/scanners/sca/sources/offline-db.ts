import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ScanError } from '../../../model.js';
import { recordAffects, type PackageRef } from '../osv/match.js';
import { packageKey } from '../osv/names.js';
import { toOsvRecord, type OsvRecord } from '../osv/record.js';
import { candidateKeys, packageVersionKey } from './keys.js';
import type { AdvisoryQueryResult, AdvisorySource } from './types.js';
import { DEFAULT_ZIP_LIMITS, visitZipEntries, type ZipLimits } from './zip-reader.js';

// An offline OSV database: a directory of OSV JSON records (any depth, e.g. <Ecosystem>/<id>.json) or a
// zip in the layout of OSV's <Ecosystem>/all.zip. The first query reads every entry once, keeping only
// which entries could name which (ecosystem, name) and the parsed records the query needs; later
// queries (the base side of a PR) parse any further records they need on demand.

interface DbIndex {
  /** keyHash(packageKey) -> position (or positions) of the entries whose text names that package. */
  byKey: Map<number, number | number[]>;
  /** Directory mode: file path per position. */
  files: string[] | null;
  records: Map<number, OsvRecord>;
  errors: ScanError[];
}

export interface OfflineDbOptions {
  path: string;
  zipLimits?: ZipLimits;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// The index covers every name in the database (about 230,000 for OSV's npm records), though a run asks
// for a few thousand. Keyed by a 32-bit hash of the name instead of the name itself it takes about a
// third of the memory (measured: 31 MB against 10 MB). Two names sharing a hash only add candidates:
// every candidate record is parsed and matched against the package by name and version before it counts.
function keyHash(key: string): number {
  // FNV-1a over UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function addPosition(byKey: DbIndex['byKey'], hash: number, position: number): void {
  const existing = byKey.get(hash);
  if (existing === undefined) byKey.set(hash, position);
  else if (typeof existing === 'number') {
    if (existing !== position) byKey.set(hash, [existing, position]);
  } else if (existing[existing.length - 1] !== position) existing.push(position);
}

function positionsOf(byKey: DbIndex['byKey'], key: string): readonly number[] {
  const found = byKey.get(keyHash(key));
  return found === undefined ? [] : typeof found === 'number' ? [found] : found;
}

export function createOfflineAdvisorySource(options: OfflineDbOptions): AdvisorySource {
  const { path } = options;
  const limits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
  let index: DbIndex | null = null;
  let failure: ScanError | null = null;

  const entryError = (name: string, reason: string): ScanError => ({ path: `${path}:${name}`, reason, scanner: 'sca' });

  // A record is parsed now when one of its names shares a hash with a wanted name: the later lookup
  // by hash finds it either way, and this way it is never left for a second pass over the zip.
  function ingest(db: DbIndex, position: number, name: string, text: string, wanted: ReadonlySet<number>): void {
    let isCandidate = false;
    for (const key of candidateKeys(text)) {
      const hash = keyHash(key);
      addPosition(db.byKey, hash, position);
      if (wanted.has(hash)) isCandidate = true;
    }
    if (isCandidate) parseInto(db, position, name, text);
  }

  function parseInto(db: DbIndex, position: number, name: string, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      db.errors.push(entryError(name, `advisory record is not valid JSON: ${message(err)}`));
      return;
    }
    const record = toOsvRecord(json);
    if (record) db.records.set(position, record);
    else db.errors.push(entryError(name, 'advisory record has no id'));
  }

  async function build(wanted: ReadonlySet<number>): Promise<DbIndex> {
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error(`advisory DB not found: ${path}`);
    const db: DbIndex = { byKey: new Map(), files: null, records: new Map(), errors: [] };
    if (info.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      db.files = entries
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map((e) => relative(path, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort();
      for (const [position, file] of db.files.entries()) {
        ingest(db, position, file, await readFile(join(path, file), 'utf8'), wanted);
      }
      return db;
    }
    await visitZipEntries(path, { limits, onEntry: (position, name, data) => ingest(db, position, name, data.toString('utf8'), wanted) });
    return db;
  }

  async function load(db: DbIndex, positions: Set<number>): Promise<void> {
    if (positions.size === 0) return;
    if (db.files) {
      for (const position of positions) {
        const file = db.files[position]!;
        parseInto(db, position, file, await readFile(join(path, file), 'utf8'));
      }
      return;
    }
    await visitZipEntries(path, {
      limits,
      want: (position) => positions.has(position),
      onEntry: (position, name, data) => parseInto(db, position, name, data.toString('utf8')),
    });
  }

  return {
    async query(packages: readonly PackageRef[]): Promise<AdvisoryQueryResult> {
      const wanted = new Set(packages.map((p) => packageKey(p.ecosystem, p.name)));
      if (!index && !failure) {
        try {
          index = await build(new Set([...wanted].map(keyHash)));
        } catch (err) {
          failure = { path, reason: `advisory DB rejected: ${message(err)}`, scanner: 'sca' };
        }
      }
      if (failure || !index) return { byPackage: new Map(), errors: failure ? [failure] : [], complete: false };
      const db = index;
      const missing = new Set<number>();
      for (const key of wanted) for (const p of positionsOf(db.byKey, key)) if (!db.records.has(p)) missing.add(p);
      try {
        await load(db, missing);
      } catch (err) {
        return { byPackage: new Map(), errors: [{ path, reason: `advisory DB rejected: ${message(err)}`, scanner: 'sca' }], complete: false };
      }
      const byPackage = new Map<string, OsvRecord[]>();
      for (const pkg of packages) {
        const positions = positionsOf(db.byKey, packageKey(pkg.ecosystem, pkg.name));
        const hits = positions.flatMap((p) => {
          const record = db.records.get(p);
          return record && recordAffects(record, pkg) ? [record] : [];
        });
        if (hits.length > 0) byPackage.set(packageVersionKey(pkg), dedupeById(hits));
      }
      // A candidate record we could not read might have affected a package: report it as incomplete.
      const errors = [...db.errors];
      return { byPackage, errors, complete: errors.length === 0 };
    },
  };
}

/** A record appears once per package even when it sits in two ecosystem folders of one DB. */
function dedupeById(records: OsvRecord[]): OsvRecord[] {
  const seen = new Map<string, OsvRecord>();
  for (const r of records) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()];
}
