#!/usr/bin/env node
// SCA offline matching at the scale of OSV's whole npm database: a real package-lock.json v3
// (~1,400 packages, from ../shared/bench/make-corpus.sh) against ~200,000 generated OSV records in a
// zip laid out like OSV's npm/all.zip. The floor, measured in the same run, is what any tool must do:
// JSON-parse the lockfile and inflate every DB entry. Each phase runs in its own child process so its
// peak RSS is its own. Needs `npm run build` (imports ../lib).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { writeZipSync } from './zip-writer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const RECORDS = Number(process.env.SCA_BENCH_RECORDS ?? 200_000);
const REPS = Number(process.env.SCA_BENCH_REPS ?? 3);
const lockfilePath = join(here, '.corpus', 'lockfile', 'package-lock.json');
const dbPath = join(here, '.tmp', `npm-all-${RECORDS}.zip`);

function ensureCorpus() {
  if (existsSync(lockfilePath)) return;
  const r = spawnSync('bash', [join(root, '..', 'shared', 'bench', 'make-corpus.sh'), join(here, '.corpus')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('make-corpus.sh failed');
}

// Deterministic variations of the 39 real npm records: new ids, names (1 in 20 names a package of the
// lockfile, so matching has real work) and shifted version bounds.
function ensureDb() {
  if (existsSync(dbPath)) return;
  mkdirSync(dirname(dbPath), { recursive: true });
  const dir = join(root, '..', 'shared', 'corpora', 'advisories', 'npm');
  const base = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const lock = JSON.parse(readFileSync(lockfilePath, 'utf8'));
  const names = [...new Set(Object.keys(lock.packages).filter((k) => k).map((k) => k.slice(k.lastIndexOf('node_modules/') + 13)))];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  function* records() {
    for (let i = 0; i < RECORDS; i++) {
      const r = structuredClone(base[i % base.length]);
      r.id = `GHSA-bench-${String(i).padStart(7, '0')}`;
      const major = Math.floor(rnd() * 6);
      for (const a of r.affected) {
        a.package.name = rnd() < 0.05 ? names[Math.floor(rnd() * names.length)] : `${a.package.name}-bench-${i}`;
        for (const range of a.ranges ?? []) {
          range.events = [{ introduced: rnd() < 0.5 ? '0' : `${major}.0.0` }, { fixed: `${major}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}` }];
        }
      }
      yield [`${r.id}.json`, Buffer.from(JSON.stringify(r, null, 2))];
  }
  }
  const tmp = `${dbPath}.part`;
  writeZipSync(tmp, records());
  renameSync(tmp, dbPath);
}

// The floor reads the whole zip into memory and inflates every entry from there (no per-entry file I/O).
function inflateAll(path) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(readFileSync(path), { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let bytes = 0;
      zip.on('entry', (entry) =>
        zip.openReadStream(entry, (e, s) => {
          if (e) return reject(e);
          s.on('data', (c) => (bytes += c.length));
          s.on('end', () => zip.readEntry());
        }),
      );
      zip.on('end', () => resolve(bytes));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

// Peak RSS of this process alone. getrusage's maxRSS carries over the parent's high-water mark across
// fork+exec on Linux, so a child of a big parent would report the parent's peak; VmHWM does not.
function peakRssMB() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function phase(name) {
  const text = readFileSync(lockfilePath, 'utf8');
  // Module loading is not matching work: import before the clock starts, as the floor's yauzl is.
  const modules = name === 'floor' ? null : {
    ...(await import('../lib/scanners/sca/lockfiles/index.js')),
    ...(await import('../lib/scanners/sca/sources/offline-db.js')),
    ...(await import('../lib/scanners/sca/scan.js')),
    ...(await import('../lib/scanners/sca/config.js')),
  };
  const t0 = performance.now();
  let detail;
  if (name === 'floor') {
    const lock = JSON.parse(text);
    detail = { packages: Object.keys(lock.packages).length - 1, bytes: await inflateAll(dbPath) };
  } else {
    const { parseLockfile, createOfflineAdvisorySource, scanLockfiles, scaConfigSchema } = modules;
    const parsed = parseLockfile('package-lock.json', text);
    const out = await scanLockfiles([{ path: 'package-lock.json', packages: parsed.packages }], {
      config: scaConfigSchema.parse({}),
      source: createOfflineAdvisorySource({ path: dbPath }),
      licenceRules: new Map(),
    });
    if (out.errors.length) throw new Error(JSON.stringify(out.errors));
    detail = { packages: parsed.packages.length, findings: out.findings.length, advisories: out.rules.length };
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rssMB: peakRssMB(), ...detail }) + '\n');
}

function run(name) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--phase=${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${name} phase failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const phaseArg = process.argv.find((a) => a.startsWith('--phase='));
if (phaseArg?.slice(8) === 'make-db') {
  ensureDb();
} else if (phaseArg) {
  await phase(phaseArg.slice(8));
} else {
  ensureCorpus();
  // In a child, so this process stays small while the measured phases run.
  const made = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase=make-db'], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('generating the advisory DB failed');
  const floors = [];
  const ours = [];
  for (let i = 0; i < REPS; i++) {
    floors.push(run('floor'));
    ours.push(run('ours'));
  }
  const best = (xs) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const floor = best(floors);
  const us = best(ours);
  const ratio = us.ms / floor.ms;
  const peak = Math.max(...ours.map((o) => o.rssMB));
  process.stdout.write(
    JSON.stringify({
      name: `SCA: package-lock (${us.packages} packages) vs offline DB (${RECORDS} records)`,
      floor: 'JSON.parse(lockfile) + inflate every DB entry',
      floorMs: floor.ms,
      oursMs: us.ms,
      ratio,
      peakRssMB: peak,
      floorRssMB: Math.max(...floors.map((f) => f.rssMB)),
      findings: us.findings,
      advisories: us.advisories,
      goal: 'ratio <= 2, peak RSS <= 300 MB',
      met: ratio <= 2 && peak <= 300,
    }) + '\n',
  );
}
