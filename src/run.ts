import picomatch from 'picomatch';
import type { Config, FailOn } from './config.js';
import { decodeText, tooLargeReason } from './changes/decode.js';
import type {
  ChangeSet,
  ChangedFile,
  FileTree,
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

type Decoded = { target: ScanTarget } | { error: string };

function underPaths(paths: string[] | undefined): (path: string) => boolean {
  const prefixes = (paths ?? []).map((p) => p.replace(/^\.\/?/, '').replace(/\/+$/, '')).filter((p) => p !== '');
  if (prefixes.length === 0) return () => true;
  return (path) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Reads and decodes one side of a file once, however many scanners want it. The size is asked first
 * where the tree can tell it, so a 100 MB file is refused without loading it into memory.
 */
function decoder(tree: FileTree, maxBytes: number) {
  const cache = new Map<string, Promise<Decoded>>();
  const load = async (readPath: string, targetPath: string, addedLines: ScanTarget['addedLines']): Promise<Decoded> => {
    const size = tree.size ? await tree.size(readPath) : null;
    if (size !== null && size > maxBytes) return { error: tooLargeReason(size, maxBytes, false) };
    const bytes = await tree.read(readPath);
    if (bytes === null) return { error: 'file could not be read' };
    const text = decodeText(bytes, maxBytes);
    return text.ok ? { target: { path: targetPath, content: text.text, addedLines } } : { error: text.reason };
  };
  return (readPath: string, targetPath: string, addedLines: ScanTarget['addedLines']): Promise<Decoded> => {
    const key = `${readPath}\0${targetPath}`;
    let decoded = cache.get(key);
    if (!decoded) {
      decoded = load(readPath, targetPath, addedLines);
      cache.set(key, decoded);
    }
    return decoded;
  };
}

/**
 * The tree a scanner reads neighbours through (a chart's values, a kustomization's bases): a file over
 * the size limit reads as absent and is named once in `errors`, instead of being loaded whole.
 */
function sizeGuardedTree(tree: FileTree, maxBytes: number, refuse: (path: string, size: number) => void): FileTree {
  const size = tree.size?.bind(tree);
  if (!size) return tree;
  return {
    read: async (path) => {
      const bytes = await size(path);
      if (bytes !== null && bytes > maxBytes) {
        refuse(path, bytes);
        return null;
      }
      return tree.read(path);
    },
    list: (dir) => tree.list(dir),
    size,
  };
}

async function runScanner(scanner: Scanner, input: Parameters<Scanner['scan']>[0]) {
  try {
    return await scanner.scan(input);
  } catch (error) {
    // A crashing scanner is a bug, but it must not take the other scanners' findings down with it.
    const reason = `scanner ${scanner.id} failed on the ${input.side} side: ${(error as Error).message ?? String(error)}`;
    return { findings: [], errors: [{ path: '.', reason, scanner: scanner.id }] };
  }
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
  // Skipped files matter only to a scanner that would have read them.
  for (const skip of changeSet.skipped) {
    const scanner = scanners.find((s) => s.accepts(skip.path));
    if (scanner && wanted(skip.path) && !excluded(skip.path)) errors.push({ ...skip, scanner: skip.scanner ?? scanner.id });
  }

  const readHead = decoder(changeSet.head, config.maxFileBytes);
  const baseTree = changeSet.base;
  const readBase = baseTree ? decoder(baseTree, config.maxFileBytes) : null;
  const contents = new Map<string, string>();
  const reported = new Set<string>();
  const scanned = new Set<string>();
  const rawFindings: RawFinding[] = [];
  const baseFingerprints = baseTree ? new Map<string, string[]>() : null;
  const rules = new Map<string, RuleMeta>();

  for (const scanner of scanners) {
    try {
      for (const rule of scanner.rules()) rules.set(rule.id, rule);
    } catch (error) {
      // Broken rule data is a bug in that scanner; the other scanners still run and report.
      errors.push({ path: '.', reason: `scanner ${scanner.id} could not load its rules: ${(error as Error).message}`, scanner: scanner.id });
      continue;
    }
    const accepted = files.filter((f) => scanner.accepts(f.path));
    services.log(`${scanner.id}: scanning ${accepted.length} file${accepted.length === 1 ? '' : 's'}`);
    const targets: ScanTarget[] = [];
    const decodedFiles = await Promise.all(accepted.map((f) => readHead(f.path, f.path, f.addedLines)));
    for (const [index, file] of accepted.entries()) {
      const decoded = decodedFiles[index]!;
      if ('target' in decoded) {
        targets.push(decoded.target);
        contents.set(file.path, decoded.target.content);
        scanned.add(file.path);
      } else if (!reported.has(file.path)) {
        // One entry per file, not one per scanner that wanted it.
        reported.add(file.path);
        errors.push({ path: file.path, reason: decoded.error, scanner: scanner.id });
      }
    }
    if (targets.length === 0) continue;
    const refuse = (path: string, size: number): void => {
      if (reported.has(path)) return;
      reported.add(path);
      errors.push({ path, reason: tooLargeReason(size, config.maxFileBytes, false), scanner: scanner.id });
    };
    const headTree = sizeGuardedTree(changeSet.head, config.maxFileBytes, refuse);
    const head = await runScanner(scanner, { targets, tree: headTree, side: 'head', config: config[scanner.id], services });
    rawFindings.push(...head.findings);
    errors.push(...head.errors.map((e) => ({ ...e, scanner: e.scanner ?? scanner.id })));
    for (const rule of head.rules ?? []) rules.set(rule.id, rule);
    if (!readBase || !baseTree || !baseFingerprints) continue;

    // The base side answers "was it already there?" only for files that have findings now.
    const flagged = new Set(head.findings.map((f) => f.path));
    const existed = accepted.filter((f) => flagged.has(f.path) && f.status !== 'added');
    const baseDecoded = await Promise.all(existed.map((f) => readBase(f.oldPath, f.path, null)));
    const baseTargets = baseDecoded.flatMap((d) => ('target' in d ? [d.target] : []));
    if (baseTargets.length === 0) continue;
    // On the base side a refused neighbour can only make a finding look new (fail closed); the head side named it.
    const guardedBase = sizeGuardedTree(baseTree, config.maxFileBytes, () => undefined);
    const base = await runScanner(scanner, { targets: baseTargets, tree: guardedBase, side: 'base', config: config[scanner.id], services });
    if (base.errors.some((e) => e.path === '.')) continue;
    const failedBase = new Set(base.errors.map((e) => e.path));
    for (const target of baseTargets) {
      if (failedBase.has(target.path)) continue;
      if (!baseFingerprints.has(target.path)) baseFingerprints.set(target.path, []);
    }
    for (const finding of base.findings) baseFingerprints.get(finding.path)?.push(finding.fingerprint);
  }

  const policy = applyPolicy({
    findings: rawFindings.sort(compareFindings),
    files: fileMap,
    baseFingerprints,
    contents,
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
    warnings: policy.warnings,
  };
}
