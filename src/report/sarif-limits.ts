// Fits a SARIF log inside what GitHub code scanning accepts and keeps, choosing what to leave out so the most
// important results survive, and counting every omission so callers can say "N more not shown".
// Limits: docs.github.com code scanning "SARIF results exceed one or more limits" and the upload size page
// (see ../shared/GITHUB-LIMITS.md 2.1).

import { gzipSync } from 'node:zlib';
import { severityRank } from '../model.js';
import { MAX_RULE_TAGS } from './rule-help.js';
import type { SarifLevel, SarifLog, SarifResult, SarifRun } from './sarif-types.js';

export interface GitHubSarifLimits {
  /** Runs per file (GitHub rejects more). */
  maxRuns: number;
  /** Results per run. GitHub rejects over 25,000 and keeps only 5,000, so by default we choose the 5,000. */
  maxResultsPerRun: number;
  /** Tags per rule (GitHub accepts 20, shows 10). */
  maxTagsPerRule: number;
  /** Locations per result (GitHub accepts 1,000, shows 100). */
  maxLocationsPerResult: number;
  /** Gzip-compressed upload size. GitHub says "10 MB"; the decimal reading is the safe one. */
  maxGzipBytes: number;
}

export const GITHUB_SARIF_LIMITS: GitHubSarifLimits = {
  maxRuns: 20,
  maxResultsPerRun: 5_000,
  maxTagsPerRule: MAX_RULE_TAGS,
  maxLocationsPerResult: 1_000,
  maxGzipBytes: 10_000_000,
};

/** Results GitHub rejects a run for, whatever the caller asks to keep. */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;

export interface SarifOmissions {
  /** All results left out, for any of the reasons below. */
  results: number;
  resultsInDroppedRuns: number;
  resultsOverRunLimit: number;
  resultsForSize: number;
  runs: number;
  tags: number;
  locations: number;
}

export interface FittedSarif {
  log: SarifLog;
  omitted: SarifOmissions;
  /** One sentence per omission, for logs, the job summary and the check. */
  notes: string[];
  /** Gzip size of the returned log. */
  gzipBytes: number;
  /** The returned log as compact JSON, and that text gzip-compressed (what the upload sends, Base64-encoded). */
  json: string;
  gzip: Buffer;
  /** False only when even a log without results exceeds the size limit (the rules alone are too large). */
  fits: boolean;
}

const LEVEL_RANK: Record<SarifLevel, number> = { error: 3, warning: 2, note: 1, none: 0 };

/** Higher is kept first: active before suppressed, then severity, then new before existing. */
function priority(result: SarifResult): number {
  const severity = result.properties?.severity ? severityRank(result.properties.severity) : LEVEL_RANK[result.level];
  const active = result.suppressions && result.suppressions.length > 0 ? 0 : 1;
  return active * 100 + severity * 10 + (result.properties?.new ? 1 : 0);
}

function runName(run: SarifRun, index: number): string {
  return run.automationDetails?.id ?? `runs[${index}]`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

// A large run's log is tens of megabytes of JSON: each log is serialised and compressed once, and the
// text and bytes measured for the size limit are the ones written and uploaded.
const encodings = new WeakMap<SarifLog, { json: string; gzip: Buffer }>();

function encoded(log: SarifLog): { json: string; gzip: Buffer } {
  let encoding = encodings.get(log);
  if (!encoding) {
    const json = JSON.stringify(log);
    encoding = { json, gzip: gzipSync(json) };
    encodings.set(log, encoding);
  }
  return encoding;
}

export function gzipSize(log: SarifLog): number {
  return encoded(log).gzip.length;
}

/** The body GitHub's REST upload wants in `sarif`: the log gzip-compressed, then Base64. */
export function encodeSarifForUpload(log: SarifLog): string {
  return encoded(log).gzip.toString('base64');
}

function warn(run: SarifRun, text: string): void {
  if (run.invocations.length === 0) run.invocations.push({ executionSuccessful: true, toolExecutionNotifications: [] });
  run.invocations[0]?.toolExecutionNotifications.push({ level: 'warning', message: { text } });
}

/** Indices of the `keep` highest-priority results, in their original order. */
function keepIndices(results: readonly SarifResult[], keep: number): Set<number> {
  const ranked = results.map((r, i) => ({ p: priority(r), i })).sort((a, b) => b.p - a.p || a.i - b.i);
  return new Set(ranked.slice(0, keep).map((x) => x.i));
}

/**
 * A copy of the log the fitting steps may change: its runs and their notifications are copied; rules
 * and results stay shared and the steps replace (never edit) the ones they cut down.
 */
function editableCopy(log: SarifLog): SarifLog {
  return { ...log, runs: log.runs.map((run) => ({ ...run, invocations: structuredClone(run.invocations) })) };
}

/** One fitting step: changes the log in place and records what it left out. */
type Step = (log: SarifLog, limits: GitHubSarifLimits, omitted: SarifOmissions, notes: string[]) => void;

const dropRuns: Step = (log, limits, omitted, notes) => {
  if (log.runs.length <= limits.maxRuns) return;
  const weight = (run: SarifRun) => run.results.reduce((max, r) => Math.max(max, priority(r)), -1);
  const ranked = log.runs
    .map((run, i) => ({ run, i, w: weight(run) }))
    .sort((a, b) => b.w - a.w || b.run.results.length - a.run.results.length || a.i - b.i);
  const kept = new Set(ranked.slice(0, limits.maxRuns).map((x) => x.i));
  const dropped = ranked.slice(limits.maxRuns);
  const lostResults = dropped.reduce((sum, x) => sum + x.run.results.length, 0);
  omitted.runs += dropped.length;
  omitted.resultsInDroppedRuns += lostResults;
  notes.push(
    `GitHub accepts at most ${limits.maxRuns} runs per upload: left out ${dropped.length} run(s) ` +
      `(${dropped.map((x) => runName(x.run, x.i)).join(', ')}) with ${count(lostResults)} result(s).`,
  );
  log.runs = log.runs.filter((_, i) => kept.has(i));
};

const trimTagsAndLocations: Step = (log, limits, omitted, notes) => {
  let rulesTrimmed = 0;
  let resultTags = 0;
  let resultsTrimmed = 0;
  // Rules and results are shared with the caller's log: the ones that change are replaced, not edited.
  for (const run of log.runs) {
    if (run.tool.driver.rules.some((rule) => rule.properties.tags.length > limits.maxTagsPerRule)) {
      const rules = run.tool.driver.rules.map((rule) => {
        const extra = rule.properties.tags.length - limits.maxTagsPerRule;
        if (extra <= 0) return rule;
        omitted.tags += extra;
        rulesTrimmed++;
        return { ...rule, properties: { ...rule.properties, tags: rule.properties.tags.slice(0, limits.maxTagsPerRule) } };
      });
      run.tool = { ...run.tool, driver: { ...run.tool.driver, rules } };
    }
    run.results = run.results.map((result) => {
      const extraTags = result.properties.tags.length - limits.maxTagsPerRule;
      const extraLocations = result.locations.length - limits.maxLocationsPerResult;
      if (extraTags <= 0 && extraLocations <= 0) return result;
      const trimmed = { ...result, properties: { ...result.properties } };
      if (extraTags > 0) {
        trimmed.properties.tags = result.properties.tags.slice(0, limits.maxTagsPerRule);
        omitted.tags += extraTags;
        resultTags += extraTags;
      }
      if (extraLocations > 0) {
        trimmed.locations = result.locations.slice(0, limits.maxLocationsPerResult);
        omitted.locations += extraLocations;
        resultsTrimmed++;
      }
      return trimmed;
    });
  }
  if (omitted.tags > 0) {
    notes.push(
      `GitHub accepts at most ${limits.maxTagsPerRule} tags per rule: left out ${count(omitted.tags - resultTags)} ` +
        `tag(s) of ${rulesTrimmed} rule(s) and ${count(resultTags)} of results (the first tags are kept).`,
    );
  }
  if (omitted.locations > 0) {
    notes.push(
      `GitHub accepts at most ${count(limits.maxLocationsPerResult)} locations per result: left out ` +
        `${count(omitted.locations)} location(s) of ${resultsTrimmed} result(s).`,
    );
  }
};

const capResults: Step = (log, limits, omitted, notes) => {
  const cap = Math.min(limits.maxResultsPerRun, GITHUB_MAX_RESULTS_PER_RUN);
  log.runs.forEach((run, index) => {
    const extra = run.results.length - cap;
    if (extra <= 0) return;
    const keep = keepIndices(run.results, cap);
    run.results = run.results.filter((_, i) => keep.has(i));
    omitted.resultsOverRunLimit += extra;
    const text =
      `${runName(run, index)}: ${count(extra)} more result(s) not shown; kept the ${count(cap)} most severe ` +
      `(GitHub keeps ${count(GITHUB_SARIF_LIMITS.maxResultsPerRun)} results per run).`;
    notes.push(text);
    warn(run, text);
  });
};

/** The log without its `drop` lowest-priority results (across all runs), with a note in each run that lost some. */
function withoutLowest(log: SarifLog, drop: number, maxGzipBytes: number): { log: SarifLog; notes: string[] } {
  if (drop === 0) return { log, notes: [] };
  const all = log.runs.flatMap((run, r) => run.results.map((result, i) => ({ r, i, p: priority(result) })));
  all.sort((a, b) => a.p - b.p || b.r - a.r || b.i - a.i);
  const dropped = new Map<number, Set<number>>();
  for (const x of all.slice(0, drop)) {
    const set = dropped.get(x.r) ?? new Set<number>();
    set.add(x.i);
    dropped.set(x.r, set);
  }
  const notes: string[] = [];
  const runs = log.runs.map((run, r) => {
    const gone = dropped.get(r);
    if (!gone) return run;
    const results = run.results.filter((_, i) => !gone.has(i));
    const copy: SarifRun = { ...run, results, invocations: structuredClone(run.invocations) };
    const text =
      `${runName(run, r)}: ${count(gone.size)} more result(s) not shown to stay under the ` +
      `${count(maxGzipBytes)}-byte gzip upload limit; kept the most severe.`;
    notes.push(text);
    warn(copy, text);
    return copy;
  });
  return { log: { ...log, runs }, notes };
}

/** Drops the fewest lowest-priority results that bring the gzip size under the limit (binary search). */
function fitSize(
  log: SarifLog,
  limits: GitHubSarifLimits,
  omitted: SarifOmissions,
  notes: string[],
): { log: SarifLog; gzipBytes: number; fits: boolean } {
  const size = gzipSize(log);
  if (size <= limits.maxGzipBytes) return { log, gzipBytes: size, fits: true };
  const total = log.runs.reduce((sum, run) => sum + run.results.length, 0);
  const measure = (drop: number) => {
    const candidate = withoutLowest(log, drop, limits.maxGzipBytes);
    return { ...candidate, drop, gzipBytes: gzipSize(candidate.log) };
  };
  let best = measure(total);
  if (best.gzipBytes > limits.maxGzipBytes) {
    notes.push(
      `Even without results the log is ${count(best.gzipBytes)} bytes gzipped, ` +
        `over the ${count(limits.maxGzipBytes)}-byte limit.`,
    );
  } else {
    // Invariant: dropping `lo` results does not fit, dropping `hi` does. Each probe gzips the whole log, so the
    // next probe is interpolated from the sizes seen (results are of similar size, so this lands close), with a
    // plain bisection after any probe that failed to halve the interval.
    let lo = 0;
    let loBytes = size;
    let hi = total;
    let hiBytes = best.gzipBytes;
    let bisect = false;
    while (hi - lo > 1) {
      const width = hi - lo;
      const interpolated = lo + Math.ceil(((loBytes - limits.maxGzipBytes) / Math.max(1, loBytes - hiBytes)) * width);
      const mid = bisect ? lo + Math.floor(width / 2) : Math.min(hi - 1, Math.max(lo + 1, interpolated));
      const attempt = measure(mid);
      if (attempt.gzipBytes <= limits.maxGzipBytes) {
        hi = mid;
        hiBytes = attempt.gzipBytes;
        best = attempt;
      } else {
        lo = mid;
        loBytes = attempt.gzipBytes;
      }
      bisect = !bisect && hi - lo > width / 2;
    }
  }
  omitted.resultsForSize += best.drop;
  notes.push(...best.notes);
  return { log: best.log, gzipBytes: best.gzipBytes, fits: best.gzipBytes <= limits.maxGzipBytes };
}

/**
 * The log cut down to what code scanning accepts, with what was left out. The input is never changed
 * (the result may share its unchanged rules and results).
 */
export function fitToGitHubLimits(input: SarifLog, options: Partial<GitHubSarifLimits> = {}): FittedSarif {
  const limits: GitHubSarifLimits = { ...GITHUB_SARIF_LIMITS, ...options };
  // Copying every result (structuredClone) was a noticeable part of a large run; see editableCopy.
  const log = editableCopy(input);
  const omitted: SarifOmissions = {
    results: 0,
    resultsInDroppedRuns: 0,
    resultsOverRunLimit: 0,
    resultsForSize: 0,
    runs: 0,
    tags: 0,
    locations: 0,
  };
  const notes: string[] = [];
  dropRuns(log, limits, omitted, notes);
  trimTagsAndLocations(log, limits, omitted, notes);
  capResults(log, limits, omitted, notes);
  const sized = fitSize(log, limits, omitted, notes);
  omitted.results = omitted.resultsInDroppedRuns + omitted.resultsOverRunLimit + omitted.resultsForSize;
  const { json, gzip } = encoded(sized.log);
  return { log: sized.log, omitted, notes, gzipBytes: sized.gzipBytes, fits: sized.fits, json, gzip };
}
