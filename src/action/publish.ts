import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Finding, Report, ScanError } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/repo.js';
import { publishCheck, type CheckOutcome } from '../github/checks.js';
import { uploadSarif, type SarifUploadOutcome } from '../github/code-scanning.js';
import { buildCheckOutput } from '../report/check.js';
import { summaryMarkdown } from '../report/summary.js';
import { workflowAnnotations } from '../report/annotations.js';
import type { ActionInputs } from './inputs.js';
import type { ActionEvent } from './event.js';
import type { ActionIO } from './io.js';
import type { Decision } from './verdict.js';
import type { ReportTarget } from './target.js';
import { publishReview, type ReviewResult } from './review-flow.js';
import type { ReviewSettings } from '../report/review.js';

export interface Publication {
  review: ReviewResult | null;
  check: CheckOutcome | null;
  sarif: SarifUploadOutcome | null;
  /** Workflow-command annotations printed (the last-resort channel). */
  annotations: number;
  /** One line per channel, shown in the job summary. */
  deliveries: string[];
}

/** Why this run may not write to the API at all, or null when it may try. */
export function readOnlyReason(inputs: ActionInputs, event: ActionEvent, actor = ''): string | null {
  if (inputs.mode === 'scan') return 'mode scan: nothing is posted; the report job posts it';
  if (event.kind === 'pull_request' && event.name === 'pull_request' && event.fork) {
    return 'pull request from a fork: the token is read-only, so no review, check or SARIF upload is attempted (use the two-stage scan/report workflow)';
  }
  // Dependabot's pull_request runs get the same read-only token as forks.
  if (event.kind === 'pull_request' && event.name === 'pull_request' && actor === 'dependabot[bot]') {
    return 'Dependabot pull request: the token is read-only, so nothing is posted (use the two-stage scan/report workflow)';
  }
  return null;
}

/** GitHub's `sarif` field: the text gzip-compressed, then Base64 (reusing the compression already made). */
function uploadBody(json: string, gzip: Uint8Array | undefined): string {
  const bytes = gzip ?? gzipSync(json);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Every channel, each failing on its own: the job summary and the SARIF file always carry every finding, so a
 * failed upload, a refused review or a missing permission never hides one.
 */
export async function publishAll(options: {
  client: GitHubClient;
  repo: RepoRef;
  inputs: ActionInputs;
  event: ActionEvent;
  target: ReportTarget;
  report: Report;
  errors: ScanError[];
  decision: Decision;
  link: (f: Finding) => string;
  io: ActionIO;
  sarifJson: string;
  /** sarifJson gzip-compressed, when already made (the size check made it). */
  sarifGzip?: Uint8Array;
  /** GITHUB_ACTOR. */
  actor?: string;
  /** What fitting the SARIF to GitHub's limits left out ("N results not uploaded ..."). */
  sarifNotes: string[];
  root: string;
  runUrl?: string;
  tuning: { pollAttempts: number; pollDelayMs: number };
  /** What the review comments on (threshold, cap). */
  reviewSettings: ReviewSettings;
  sleep: (ms: number) => Promise<void>;
}): Promise<Publication> {
  const { client, repo, inputs, target, report, errors, decision, io } = options;
  const reportForOutputs: Report = { ...report, errors };
  const pub: Publication = { review: null, check: null, sarif: null, annotations: 0, deliveries: [] };
  const readOnly = readOnlyReason(inputs, options.event, options.actor);
  if (readOnly) pub.deliveries.push(readOnly);
  for (const note of options.sarifNotes) pub.deliveries.push(`SARIF: ${note}`);

  if (!readOnly && inputs.comment && target.pull !== null) {
    try {
      pub.review = await publishReview({
        client, target: { ...repo, pull: target.pull, headSha: target.sha }, report,
        headline: `**shiftguard: ${decision.verdict === 'pass' ? 'pass' : 'fail'}** — ${decision.reason}`,
        link: options.link,
        settings: options.reviewSettings,
        fallbackLines: () => undefined,
      });
      const r = pub.review;
      const edited = `${r.updated > 0 ? `, ${r.updated} earlier comment(s) marked fixed` : ''}${r.resolved > 0 ? `, ${r.resolved} review thread(s) resolved` : ''}`;
      pub.deliveries.push(`review: ${r.delivered.size} finding(s) on diff lines, ${r.listed.size} listed in the review body${edited}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
    } catch (error) {
      pub.deliveries.push(`review not posted: ${(error as Error).message}`);
    }
  }

  if (!readOnly && inputs.uploadSarif && target.sha && target.ref) {
    pub.sarif = await uploadSarif(client, {
      ...repo, sarif: uploadBody(options.sarifJson, options.sarifGzip), commitSha: target.sha, ref: target.ref,
      checkoutUri: pathToFileURL(options.root).href, startedAt: new Date().toISOString(),
      pollAttempts: options.tuning.pollAttempts, pollDelayMs: options.tuning.pollDelayMs, sleep: options.sleep,
    });
    pub.deliveries.push(pub.sarif.uploaded ? `SARIF uploaded to code scanning (${pub.sarif.status ?? 'submitted'})${pub.sarif.notes.length ? `: ${pub.sarif.notes.join('; ')}` : ''}` : pub.sarif.notes.join('; '));
  }

  if (!readOnly && target.sha) {
    const output = buildCheckOutput({ report, verdict: decision.verdict, reason: decision.reason, errors, link: options.link });
    pub.check = await publishCheck(client, { ...repo, sha: target.sha, name: inputs.checkName, verdict: decision.verdict, output, ...(options.runUrl ? { detailsUrl: options.runUrl } : {}) });
    const what = pub.check.delivered === 'check-run' ? `check run "${inputs.checkName}" with ${pub.check.annotations} annotation(s)` : pub.check.delivered === 'status' ? `commit status "${inputs.checkName}"` : 'no check run or status';
    pub.deliveries.push(`${what}${pub.check.notes.length ? ` (${pub.check.notes.join('; ')})` : ''}`);
  }
  for (const line of pub.deliveries) io.info(line);
  for (const failed of [pub.sarif?.uploaded === false ? pub.sarif.notes : [], pub.check?.delivered === 'none' ? pub.check.notes : []].flat()) io.warning(failed);

  if (pub.check?.delivered !== 'check-run') {
    const lines = workflowAnnotations(reportForOutputs);
    for (const line of lines) io.command(line);
    pub.annotations = lines.length;
  }
  if (errors.length > 0) io.warning(`${errors.length} file(s) or source(s) could not be scanned: ${errors.slice(0, 5).map((e) => `${e.path}: ${e.reason}`).join('; ')}${errors.length > 5 ? ' …' : ''}`);
  for (const warning of report.warnings ?? []) io.warning(`${warning.path}: ${warning.reason}`);
  io.appendSummary(summaryMarkdown({ report, verdict: decision.verdict, reason: decision.reason, errors, deliveries: pub.deliveries, link: options.link }));
  return pub;
}
