// The data that flows through the pipeline: ChangeSet -> scanners -> policy -> reporters.
// Defined once here and imported everywhere; stages mark findings, they never drop them.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse: critical=4 ... info=0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

export const SCANNER_IDS = ['secrets', 'sca', 'manifests'] as const;
export type ScannerId = (typeof SCANNER_IDS)[number];

export type SuppressionKind = 'inline' | 'annotation' | 'config' | 'baseline';
export interface Suppression {
  kind: SuppressionKind;
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  expires?: string;
  /** ISO date the suppression or baseline entry was created, when known (for age metrics). */
  since?: string;
}

/** A safe, exact replacement for lines startLine..endLine (1-based, inclusive) of the finding's file. */
export interface Fix {
  startLine: number;
  endLine: number;
  /** The full replacement text of those lines, without a trailing newline. */
  replacement: string;
  description?: string;
}

export interface Finding {
  scanner: ScannerId;
  ruleId: string;
  severity: Severity;
  /** Repository-relative, forward slashes. */
  path: string;
  /** 1-based. */
  startLine: number;
  endLine: number;
  /** 1-based, optional. */
  startColumn?: number;
  endColumn?: number;
  message: string;
  /** Stable across line moves: rule + path + normalized content. Never the raw secret, never a line number. */
  fingerprint: string;
  tags: string[];
  /** Kubernetes findings: "Kind/namespace/name". */
  resource?: string;
  /** Set by policy: the base version of the file does not yield this fingerprint. */
  new: boolean;
  /** Set by policy: the line can take a review comment (it is inside a diff hunk on the head side). */
  inDiff: boolean;
  /** Set by policy (or by a scanner for inline/annotation suppressions): null when active. */
  suppressed: Suppression | null;
  fix?: Fix;
  /** Secrets: redacted preview such as `ghp_****...****3f9a`. Never the raw value. */
  preview?: string;
  /** SCA. */
  package?: string;
  version?: string;
  ecosystem?: string;
  fixedVersions?: string[];
  aliases?: string[];
}

/** What a scanner returns before policy runs: policy fills new/inDiff/suppressed. */
export type RawFinding = Omit<Finding, 'new' | 'inDiff' | 'suppressed'> & { suppressed?: Suppression | null };

export interface ScanError {
  path: string;
  reason: string;
  scanner?: ScannerId;
}

/** Metadata of a rule, built-in (rules/*.yaml) or dynamic (an SCA advisory). */
export interface RuleMeta {
  id: string;
  scanner: ScannerId;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: string[];
  tags: string[];
  /** Optional long help in Markdown (SARIF help.markdown); generated from the fields above when absent. */
  helpMarkdown?: string;
  /** 0-10 CVSS-like score as GitHub's security-severity; derived from severity when absent. */
  securitySeverity?: number;
  /**
   * Where a reader learns about this rule (SARIF helpUri). Built-in rules leave it unset and get their generated
   * page under docs/rules/; dynamic rules (advisories) have no such page and set their advisory URL here.
   */
  helpUri?: string;
}

// ---------------------------------------------------------------- change set

export type FileStatus = 'added' | 'modified' | 'renamed' | 'removed' | 'copied' | 'unchanged';

export interface ChangedFile {
  path: string;
  /** Base-side path for renames/copies; equal to path otherwise. */
  oldPath: string;
  status: FileStatus;
  /** Head-side 1-based line numbers added or changed. null = the whole file counts as changed. */
  addedLines: ReadonlySet<number> | null;
  /** Head-side lines a review comment may be placed on (inside a diff hunk). null = unknown/all. */
  diffLines: ReadonlySet<number> | null;
  /** Recorded when the file could not be diffed as text. */
  binary?: boolean;
}

/** Read access to one revision of the repository (working tree, a git commit, or an API snapshot). */
export interface FileTree {
  /** Returns file content as bytes, or null when the path does not exist in this revision. */
  read(path: string): Promise<Uint8Array | null>;
  /** Lists repository-relative file paths under a directory (recursive), '' = root. */
  list(dir: string): Promise<string[]>;
  /**
   * Size in bytes without reading the content, or null when unknown or absent; lets the pipeline
   * refuse a file over the size limit before a single byte of it is loaded.
   */
  size?(path: string): Promise<number | null>;
}

export interface ChangeSet {
  /** Absolute path of the repository/workspace root. */
  root: string;
  files: ChangedFile[];
  head: FileTree;
  /** null when there is no base (plain directory scan). */
  base: FileTree | null;
  baseRef?: string;
  headRef?: string;
  /** Files the change set builder skipped (binary, symlink outside root, too large...), never silently. */
  skipped: SkippedFile[];
}

/**
 * A path the change set did not hand to the scanners. It is a scan error (the scan is incomplete) unless
 * `nothingLost`: a link whose target is scanned where it lives, or a broken link. Those are warnings.
 */
export interface SkippedFile extends ScanError {
  nothingLost?: true;
}

// ---------------------------------------------------------------- scanners

/** One file handed to a scanner: decoded text plus which lines changed. */
export interface ScanTarget {
  path: string;
  content: string;
  /** Head-side lines added by the change; null = whole file. Scanners may restrict work to these. */
  addedLines: ReadonlySet<number> | null;
}

export interface ScanInput {
  targets: ScanTarget[];
  /** The revision being scanned, for scanners that need files beyond the targets (Helm charts, Kustomize bases). */
  tree: FileTree;
  side: 'head' | 'base';
  /** This scanner's section of the validated config. */
  config: unknown;
  /** Per-run services (advisory sources, clock); injected so tests never touch the network. */
  services: ScanServices;
}

export interface ScanServices {
  now: () => Date;
  /** Progress/log sink; never receives secret values. */
  log: (message: string) => void;
  /** Extra services by name (e.g. the SCA advisory source), set by the entry points. */
  [name: string]: unknown;
}

export interface ScanOutput {
  findings: RawFinding[];
  errors: ScanError[];
  /** Dynamic rules referenced by findings (e.g. advisories), beyond the scanner's built-in rules. */
  rules?: RuleMeta[];
  /** Counters worth surfacing (files skipped by reason, packages checked...). */
  stats?: Record<string, number>;
}

export interface Scanner {
  id: ScannerId;
  /** Built-in rules this scanner can report. */
  rules(): RuleMeta[];
  /** Which targets this scanner wants to look at (by path and, cheaply, content). */
  accepts(path: string): boolean;
  scan(input: ScanInput): Promise<ScanOutput>;
  /**
   * Each file's findings depend on that file alone (no neighbours, no cross-file rules): the pipeline
   * may then hand the files over in batches and let go of each batch's text, so memory stays flat
   * however large the scan.
   */
  independentFiles?: boolean;
}

// ---------------------------------------------------------------- report

/** A baselined finding the run no longer produces: it was fixed (or its file removed). */
export interface FixedFinding {
  fingerprint: string;
  ruleId: string;
  path: string;
  scanner?: ScannerId;
  /** ISO date the finding was baselined. */
  since?: string;
}

/** Numbers for time-to-remediate dashboards, one set per run (see docs/metrics.md). */
export interface Metrics {
  /** Every finding (active or suppressed) by scanner, then severity. */
  byScannerSeverity: Record<ScannerId, Record<Severity, number>>;
  new: number;
  existing: number;
  suppressed: number;
  /** Baselined findings no longer produced. */
  fixed: number;
  suppressedByKind: Partial<Record<SuppressionKind, number>>;
  /** Age in days of each suppressed finding whose suppression has a `since` date. */
  ages: { fingerprint: string; ruleId: string; path: string; kind: SuppressionKind; ageDays: number }[];
  maxAgeDays?: number;
  medianAgeDays?: number;
}

export interface Summary {
  total: number;
  new: number;
  existing: number;
  suppressed: number;
  /** Active (not suppressed) new findings at or above the threshold. */
  failing: number;
  bySeverity: Record<Severity, number>;
  byScanner: Record<ScannerId, number>;
  errors: number;
  filesScanned: number;
  failOn: Severity | 'none';
  verdict: 'pass' | 'fail';
  /** Why the verdict is what it is, one line. */
  reason: string;
  /**
   * Whether errors (files or sources that could not be scanned) fail the verdict: config `failOnError`, CLI
   * `--fail-on-error`, action input `fail-on-error`. Absent in reports older than the field: treat as true.
   */
  failOnError?: boolean;
  /** Baselined findings this run no longer produces (present when a baseline was used). */
  fixed?: FixedFinding[];
  metrics?: Metrics;
}

export interface Report {
  findings: Finding[];
  errors: ScanError[];
  summary: Summary;
  rules: RuleMeta[];
  tool: { name: 'shiftguard'; version: string; informationUri: string };
  /**
   * Things the user should know that are not findings: expired exceptions, malformed ignore comments, a
   * changed file whose base version could not be compared (so its findings count as new).
   */
  warnings?: ScanError[];
}
