import picomatch from 'picomatch';
import type { Config, FailOn } from './config.js';
import { tooLargeReason } from './changes/decode.js';
import type {
  ChangeSet,
  ChangedFile,
  RawFinding,
  Report,
  RuleMeta,
  ScanError,
  ScanServices,
  ScanTarget,
  Scanner,
  ScannerId,
} from './model.js';
import { SCANNER_IDS } from './model.js';
import { applyPolicy } from './policy/applyPolicy.js';
import { applyBaseline, fixedFindings, type Baseline } from './policy/baseline.js';
import { computeMetrics } from './policy/metrics.js';
import { scanBaseSide } from './pipeline/base-side.js';
import { decoder, runScanner, sizeGuardedTree } from './pipeline/read-side.js';
import { headBatches } from './pipeline/head-batches.js';
import { findInlineIgnores } from './policy/inlineSuppressions.js';
import { summarize } from './policy/summary.js';
import { SCANNERS } from './scanners/registry.js';
import { toolInfo } from './version.js';

export interface RunOptions {
  changeSet: ChangeSet;
  config: Config;
  /** Scanners to run; default: those the config leaves on. */
  scanners?: ScannerId[];
  /** Overrides config.failOn. */
  failOn?: FailOn;
  /** Overrides config.failOnError. */
  failOnError?: boolean;
  services: ScanServices;
  /** Only files under these root-relative paths are scanned. */
  paths?: string[];
  /** Scanner implementations to use instead of the registry's (tests, embedders). */
  scannerImpls?: Partial<Record<ScannerId, Scanner>>;
  /** Accepted findings (`shiftguard baseline`): reported as existing and suppressed, never failed on. */
  baseline?: Baseline;
}

function underPaths(paths: string[] | undefined): (path: string) => boolean {
  const prefixes = (paths ?? []).map((p) => p.replace(/^\.\/?/, '').replace(/\/+$/, '')).filter((p) => p !== '');
  if (prefixes.length === 0) return () => true;
  return (path) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
}

function compareFindings(a: RawFinding, b: RawFinding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.startLine - b.startLine || (a.startColumn ?? 0) - (b.startColumn ?? 0) || a.ruleId.localeCompare(b.ruleId);
}

/**
 * The pipeline: ChangeSet -> scanners (head, then base for what the head flagged) -> policy ->
 * summary. Bad files and crashing scanners become `errors`; nothing here throws for bad input.
 */
export async function runScan(options: RunOptions): Promise<Report> {
  const { changeSet, config, services } = options;
  const scannerIds = options.scanners ?? SCANNER_IDS.filter((id) => config.scanners[id]);
  const scanners = scannerIds.map((id) => options.scannerImpls?.[id] ?? SCANNERS[id]);
  const excluded = config.exclude.length ? picomatch(config.exclude, { dot: true }) : () => false;
  const wanted = underPaths(options.paths);
  const files = changeSet.files.filter((f) => f.status !== 'removed' && wanted(f.path) && !excluded(f.path));
  const fileMap = new Map<string, ChangedFile>(files.map((f) => [f.path, f]));

  const errors: ScanError[] = [];
  const skipWarnings: ScanError[] = [];
  // Skipped files matter only to a scanner that would have read them; where nothing was lost (a link whose
  // target is scanned in place) they are warnings, not an incomplete scan.
  for (const { nothingLost, ...skip } of changeSet.skipped) {
    const scanner = scanners.find((s) => s.accepts(skip.path));
    if (!scanner || !wanted(skip.path) || excluded(skip.path)) continue;
    (nothingLost ? skipWarnings : errors).push({ ...skip, scanner: skip.scanner ?? scanner.id });
  }

  const readHead = decoder(changeSet.head, config.maxFileBytes);
  const baseTree = changeSet.base;
  const readBase = baseTree ? decoder(baseTree, config.maxFileBytes) : null;
  const inlineIgnores = new Map<string, ReturnType<typeof findInlineIgnores>>();
  const reported = new Set<string>();
  const scanned = new Set<string>();
  const rawFindings: RawFinding[] = [];
  const baseFingerprints = baseTree ? new Map<string, string[]>() : null;
  const rules = new Map<string, RuleMeta>();
  const baseWarnings: ScanError[] = [];

  for (const [index, scanner] of scanners.entries()) {
    try {
      for (const rule of scanner.rules()) rules.set(rule.id, rule);
    } catch (error) {
      // Broken rule data is a bug in that scanner; the other scanners still run and report.
      errors.push({ path: '.', reason: `scanner ${scanner.id} could not load its rules: ${(error as Error).message}`, scanner: scanner.id });
      continue;
    }
    const accepted = files.filter((f) => scanner.accepts(f.path));
    services.log(`${scanner.id}: scanning ${accepted.length} file${accepted.length === 1 ? '' : 's'}`);
    // A file's text is kept for the scanners still to run that want it, and let go of after that.
    const later = scanners.slice(index + 1);
    const wantedLater = (path: string) => later.some((s) => s.accepts(path));
    // One entry per file, not one per scanner that wanted it.
    const reportOnce = (path: string, reason: string): void => {
      if (reported.has(path)) return;
      reported.add(path);
      errors.push({ path, reason, scanner: scanner.id });
    };
    const failed = (file: ChangedFile, reason: string): void => reportOnce(file.path, reason);
    const refuse = (path: string, size: number): void => reportOnce(path, tooLargeReason(size, config.maxFileBytes, false));
    const headTree = sizeGuardedTree(changeSet.head, config.maxFileBytes, refuse);
    const sizeOf = changeSet.head.size?.bind(changeSet.head);
    for await (const targets of headBatches(scanner, accepted, readHead, failed, sizeOf)) {
      for (const target of targets) {
        if (scanned.has(target.path)) continue;
        scanned.add(target.path);
        // Only the ignore comments are kept for the policy, not the text.
        inlineIgnores.set(target.path, findInlineIgnores(target.path, target.content));
      }
      const head = await runScanner(scanner, { targets, tree: headTree, side: 'head', config: config[scanner.id], services });
      rawFindings.push(...head.findings);
      errors.push(...head.errors.map((e) => ({ ...e, scanner: e.scanner ?? scanner.id })));
      for (const rule of head.rules ?? []) rules.set(rule.id, rule);
      for (const target of targets) if (!wantedLater(target.path)) readHead.forget(target.path, target.path);
      if (!readBase || !baseTree || !baseFingerprints) continue;

      // The base side answers "was it already there?" only for files that have findings now.
      const flagged = new Set(head.findings.map((f) => f.path));
      const existed = targets.map((t) => fileMap.get(t.path)!).filter((f) => flagged.has(f.path) && f.status !== 'added');
      if (existed.length === 0) continue;
      const base = await scanBaseSide({ scanner, files: existed, read: readBase, tree: baseTree, maxBytes: config.maxFileBytes, config: config[scanner.id], services });
      for (const [path, prints] of base.fingerprints) baseFingerprints.set(path, [...(baseFingerprints.get(path) ?? []), ...prints]);
      baseWarnings.push(...base.warnings);
    }
  }

  const policy = applyPolicy({
    findings: rawFindings.sort(compareFindings),
    files: fileMap,
    baseFingerprints,
    inlineIgnores,
    config,
    now: services.now(),
  });
  const ruleList = [...rules.values()].map((rule) => {
    const severity = config.rules[rule.id]?.severity;
    return severity ? { ...rule, severity } : rule;
  });
  const failOn = options.failOn ?? config.failOn;
  const findings = options.baseline ? applyBaseline(policy.findings, options.baseline) : policy.findings;
  // A baselined finding is fixed when the run looked at its file (or the file is gone) and did not find it.
  const fixed = options.baseline
    ? await fixedFindings({
        baseline: options.baseline,
        findings,
        scanners: scannerIds,
        covered: async (path) => scanned.has(path) || (wanted(path) && !excluded(path) && (await changeSet.head.read(path)) === null),
      })
    : undefined;
  const summary = summarize(findings, errors.length, scanned.size, failOn, options.failOnError ?? config.failOnError);
  return {
    findings,
    errors,
    summary: { ...summary, ...(fixed ? { fixed } : {}), metrics: computeMetrics(findings, fixed ?? [], services.now()) },
    rules: ruleList.sort((a, b) => a.id.localeCompare(b.id)),
    tool: toolInfo(),
    warnings: [...skipWarnings, ...policy.warnings, ...baseWarnings],
  };
}
