import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { SCANNER_IDS, SEVERITIES, type Report } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/repo.js';

/**
 * Two-stage mode. `scan` (read-only token) writes this file; the workflow uploads it with actions/upload-artifact
 * (the artifact service speaks a runtime protocol only the runner's token can use, so we leave that to the
 * official action). `report` (workflow_run, write token) downloads it through the REST API. The file comes from
 * an untrusted PR run: it is validated here, and the PR/sha it names are checked against the API before use.
 */
export const ARTIFACT_NAME = 'shiftguard-report';
export const ARTIFACT_FILE = 'shiftguard-report.json';
/** A report artifact larger than this is refused rather than parsed (a hostile PR run could upload anything). */
export const ARTIFACT_MAX_BYTES = 50 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
const severity = z.enum(SEVERITIES);
const finding = z.object({
  scanner: z.enum(SCANNER_IDS),
  ruleId: text(200),
  severity,
  path: text(4096),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  startColumn: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
  message: text(10_000),
  fingerprint: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/),
  tags: z.array(text(200)).max(100),
  resource: text(1000).optional(),
  new: z.boolean(),
  inDiff: z.boolean(),
  suppressed: z.object({ kind: z.enum(['inline', 'annotation', 'config', 'baseline']), reason: text(2000), expires: text(40).optional(), since: text(40).optional() }).nullable(),
  fix: z.object({ startLine: z.number().int().positive(), endLine: z.number().int().positive(), replacement: text(20_000), description: text(2000).optional() }).optional(),
  preview: text(200).optional(),
  package: text(500).optional(),
  version: text(200).optional(),
  ecosystem: text(100).optional(),
  fixedVersions: z.array(text(200)).max(100).optional(),
  aliases: z.array(text(200)).max(100).optional(),
});
const rule = z.object({
  id: text(200), scanner: z.enum(SCANNER_IDS), title: text(1000), severity, description: text(20_000), remediation: text(20_000),
  references: z.array(text(2000)).max(100), tags: z.array(text(200)).max(100), helpMarkdown: text(50_000).optional(), securitySeverity: z.number().min(0).max(10).optional(),
});
const count = z.number().int().nonnegative();
const scanError = z.object({ path: text(4096), reason: text(4000), scanner: z.enum(SCANNER_IDS).optional() });
const reportSchema = z.object({
  findings: z.array(finding).max(100_000),
  errors: z.array(scanError).max(100_000),
  warnings: z.array(scanError).max(100_000).optional(),
  summary: z.object({
    total: count, new: count, existing: count, suppressed: count, failing: count,
    bySeverity: z.record(severity, count), byScanner: z.record(z.enum(SCANNER_IDS), count),
    errors: count, filesScanned: count, failOn: z.union([severity, z.literal('none')]), verdict: z.enum(['pass', 'fail']), reason: text(2000),
    failOnError: z.boolean().optional(),
  }),
  rules: z.array(rule).max(50_000),
  tool: z.object({ name: z.literal('shiftguard'), version: text(100), informationUri: text(500) }),
});
const artifactSchema = z.object({
  schema: z.literal('shiftguard-report/1'),
  pullNumber: z.number().int().positive().nullable(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  verdict: z.enum(['pass', 'fail']),
  reason: text(2000),
  report: reportSchema,
});
export type ReportArtifact = z.infer<typeof artifactSchema>;

export function writeReportArtifact(dir: string, artifact: ReportArtifact): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, ARTIFACT_FILE);
  writeFileSync(file, JSON.stringify(artifact));
  return file;
}

export function parseReportArtifact(json: string): ReportArtifact {
  return artifactSchema.parse(JSON.parse(json));
}

/** The artifact as data: `report` typed as the model's Report (the schema mirrors it). */
export function artifactReport(artifact: ReportArtifact): Report {
  return artifact.report as Report;
}

/** Finds the `shiftguard-report` artifact of a workflow run and reads its JSON through the REST API. */
export async function downloadReportArtifact(client: GitHubClient, repo: RepoRef, runId: number): Promise<ReportArtifact> {
  const listed = await client.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: runId, name: ARTIFACT_NAME, per_page: 100 });
  const artifact = listed.data.artifacts.find((a) => a.name === ARTIFACT_NAME && !a.expired);
  if (!artifact) throw new Error(`workflow run ${runId} has no ${ARTIFACT_NAME} artifact (did the scan job upload it?)`);
  if (artifact.size_in_bytes > ARTIFACT_MAX_BYTES) throw new Error(`artifact ${ARTIFACT_NAME} is ${artifact.size_in_bytes} bytes, over the ${ARTIFACT_MAX_BYTES}-byte cap`);
  const zip = await client.rest.actions.downloadArtifact({ ...repo, artifact_id: artifact.id, archive_format: 'zip' });
  const bytes = new Uint8Array(zip.data as ArrayBuffer);
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      total += f.originalSize;
      return f.name === ARTIFACT_FILE && total <= ARTIFACT_MAX_BYTES;
    },
  });
  const file = files[ARTIFACT_FILE];
  if (!file) throw new Error(`artifact ${ARTIFACT_NAME} does not contain ${ARTIFACT_FILE} (or it is over the size cap)`);
  return parseReportArtifact(new TextDecoder().decode(file));
}
