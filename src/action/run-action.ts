import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeSet, Finding, Report, ScanError } from '../model.js';
import { createGitHubClient, type ClientOptions, type GitHubClient } from '../github/client.js';
import { parseRepository, type RepoRef } from '../github/repo.js';
import { summarize } from '../policy/summary.js';
import { toolInfo } from '../version.js';
import { fileLink } from '../report/markdown.js';
import { parseInputs, type ActionInputs } from './inputs.js';
import { readEvent, type ActionEvent } from './event.js';
import type { ActionIO } from './io.js';
import { selectChangeSet, type ChangeSetBuilders } from './changes.js';
import { decide, type Decision } from './verdict.js';
import { targetFor, type ReportTarget } from './target.js';
import { artifactReport, downloadReportArtifact, writeReportArtifact, type ReportArtifact } from './artifact.js';
import { publishAll, type Publication } from './publish.js';
import { reviewSettings } from './review-settings.js';

export interface ScanRequest {
  changeSet: ChangeSet;
  inputs: ActionInputs;
  root: string;
  log: (message: string) => void;
}

export interface ActionDeps {
  io: ActionIO;
  /** Config + scanners + policy: the shared pipeline (src/run.ts) behind one call. */
  scan(request: ScanRequest): Promise<Report>;
  /** SARIF JSON for the report, already fitted to GitHub's limits, plus what fitting left out. */
  /** The SARIF written to sarif-file; `gzip` is that text compressed, when the producer already made it. */
  sarif(report: Report): { json: string; notes: string[]; gzip?: Uint8Array };
  changes: ChangeSetBuilders;
  createClient?: (options: ClientOptions) => GitHubClient;
  /** Tests shrink delays; production keeps GitHub's pacing. */
  tuning?: { writeSpacingMs?: number; retryBaseMs?: number; pollDelayMs?: number; pollAttempts?: number; requestTimeoutMs?: number };
  sleep?: (ms: number) => Promise<void>;
}

export interface ActionResult {
  verdict: Decision['verdict'];
  reason: string;
  findings: number;
  newFindings: number;
  sarifFile: string | null;
  reportFile: string | null;
  exitCode: 0 | 1;
  publication: Publication | null;
}

interface RunContext {
  env: NodeJS.ProcessEnv;
  inputs: ActionInputs;
  repo: RepoRef;
  event: ActionEvent;
  root: string;
  client: GitHubClient;
  deps: ActionDeps;
}

/** The scan half: change set -> pipeline. API failures while reading the diff become errors, never a green run. */
async function scanWorkspace(ctx: RunContext): Promise<{ report: Report; errors: ScanError[]; notes: string[] }> {
  const { io } = ctx.deps;
  const selected = await selectChangeSet({ event: ctx.event, root: ctx.root, paths: ctx.inputs.paths, client: ctx.client, repo: ctx.repo, builders: ctx.deps.changes });
  for (const note of selected.notes) io.info(note);
  const report = await ctx.deps.scan({ changeSet: selected.changeSet, inputs: ctx.inputs, root: ctx.root, log: (m) => io.info(m) });
  return { report, errors: [...report.errors, ...selected.errors], notes: selected.notes };
}

/** The report half of the two-stage flow: the artifact is untrusted data, its PR is checked against the API. */
async function loadArtifact(ctx: RunContext): Promise<{ artifact: ReportArtifact; pull: number | null }> {
  const { event, client, repo } = ctx;
  if (event.kind !== 'workflow_run') throw new Error(`mode report runs on workflow_run events (got ${event.kind}); it reads the scan job's artifact`);
  const artifact = await downloadReportArtifact(client, repo, event.runId);
  if (artifact.headSha !== event.headSha) throw new Error(`artifact is for ${artifact.headSha.slice(0, 12)}, the workflow run for ${event.headSha.slice(0, 12)}: refusing it`);
  const pull = artifact.pullNumber;
  if (pull === null) return { artifact, pull: null };
  // Fork PRs are not listed on workflow_run; the artifact names the PR, so confirm its head is this run's sha.
  const pr = await client.rest.pulls.get({ ...repo, pull_number: pull });
  if (pr.data.head.sha !== event.headSha) throw new Error(`pull request #${pull} head is ${pr.data.head.sha.slice(0, 12)}, not ${event.headSha.slice(0, 12)}: refusing to report on it`);
  return { artifact, pull };
}

/**
 * A scan that could not run at all (bad config, a broken rule set, git failure) still reaches every channel as a
 * failing, explained result: the check is never left missing or green.
 */
function failedScan(error: unknown, inputs: ActionInputs): { report: Report; errors: ScanError[]; fatal: true } {
  const errors: ScanError[] = [{ path: '.', reason: `the scan could not run: ${error instanceof Error ? error.message : String(error)}` }];
  const report: Report = { findings: [], errors, summary: summarize([], errors.length, 0, inputs.failOn), rules: [], tool: toolInfo() };
  return { report, errors, fatal: true };
}

function writeSarif(path: string, json: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, json);
}

export async function runAction(env: NodeJS.ProcessEnv, deps: ActionDeps): Promise<ActionResult> {
  const { io } = deps;
  const inputs = parseInputs(env);
  const repo = parseRepository(env.GITHUB_REPOSITORY);
  const event = readEvent(env);
  const root = env.GITHUB_WORKSPACE || process.cwd();
  const tuning = deps.tuning ?? {};
  const client = (deps.createClient ?? createGitHubClient)({
    token: inputs.githubToken,
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    log: (m) => io.info(m),
    ...(tuning.writeSpacingMs !== undefined ? { writeSpacingMs: tuning.writeSpacingMs } : {}),
    ...(tuning.retryBaseMs !== undefined ? { retryBaseMs: tuning.retryBaseMs } : {}),
    ...(tuning.requestTimeoutMs !== undefined ? { requestTimeoutMs: tuning.requestTimeoutMs } : {}),
  });
  const ctx: RunContext = { env, inputs, repo, event, root, client, deps };

  let report: Report;
  let errors: ScanError[];
  let fatal = false;
  let target: ReportTarget;
  if (inputs.mode === 'report') {
    const { artifact, pull } = await loadArtifact(ctx);
    report = { ...artifactReport(artifact), summary: { ...artifact.report.summary, failOn: inputs.failOn } };
    errors = report.errors;
    target = targetFor(event, env, pull);
  } else {
    const scanned: { report: Report; errors: ScanError[]; fatal?: boolean } = await scanWorkspace(ctx).catch((error: unknown) => failedScan(error, inputs));
    ({ report, errors } = scanned);
    fatal = scanned.fatal === true;
    target = targetFor(event, env);
  }
  // The input, else what the scan's config said (the CLI's rule), else fail closed.
  const failOnError = inputs.failOnError ?? report.summary.failOnError ?? true;
  const decision = decide(report, errors, failOnError || fatal);
  const sarif = deps.sarif(report);
  writeSarif(inputs.sarifFile, sarif.json);
  for (const note of sarif.notes) io.info(`SARIF: ${note}`);

  let reportFile: string | null = null;
  if (inputs.mode === 'scan') {
    reportFile = writeReportArtifact(join(env.RUNNER_TEMP || dirname(inputs.sarifFile), 'shiftguard-report'), {
      schema: 'shiftguard-report/1',
      pullNumber: target.pull,
      headSha: target.sha,
      verdict: decision.verdict,
      reason: decision.reason,
      report: report as ReportArtifact['report'],
    });
    io.info(`report saved to ${reportFile}; upload it with actions/upload-artifact (name: shiftguard-report) for the report job`);
  }

  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = `${repo.owner}/${repo.repo}`;
  const link = (f: Finding): string => fileLink(serverUrl, repository, target.sha, f);
  const runUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const review = await reviewSettings(root, inputs, (m) => io.info(m));
  const publication = await publishAll({
    client, repo, inputs, event, target, report, errors, decision, link, io,
    sarifJson: sarif.json,
    ...(sarif.gzip ? { sarifGzip: sarif.gzip } : {}),
    sarifNotes: sarif.notes,
    reviewSettings: review,
    ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
    root,
    ...(runUrl ? { runUrl } : {}),
    tuning: { pollAttempts: tuning.pollAttempts ?? 3, pollDelayMs: tuning.pollDelayMs ?? 2000 },
    sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  });

  const newFindings = report.findings.filter((f) => f.new && !f.suppressed).length;
  io.setOutput('verdict', decision.verdict);
  io.setOutput('findings', String(report.findings.length));
  io.setOutput('new-findings', String(newFindings));
  io.setOutput('sarif-file', inputs.sarifFile);
  if (reportFile) io.setOutput('report-file', reportFile);
  // One JSON line per run for dashboards (docs/metrics.md): counts, fixed baselined findings, debt ages.
  if (report.summary.metrics) io.setOutput('metrics', JSON.stringify(report.summary.metrics));
  io.info(`shiftguard: ${decision.verdict} — ${decision.reason}`);
  return {
    verdict: decision.verdict, reason: decision.reason, findings: report.findings.length, newFindings,
    sarifFile: inputs.sarifFile, reportFile, exitCode: decision.verdict === 'pass' ? 0 : 1, publication,
  };
}
