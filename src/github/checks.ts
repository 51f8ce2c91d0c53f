import type { GitHubClient } from './client.js';
import type { RepoRef } from './repo.js';
import { httpMessage, isPermissionDenied } from './repo.js';
import { ANNOTATIONS_PER_REQUEST, type CheckOutput, type Verdict } from '../report/check.js';

export interface CheckOutcome {
  delivered: 'check-run' | 'status' | 'none';
  checkRunId?: number;
  /** Annotations GitHub accepted. */
  annotations: number;
  calls: number;
  denied: boolean;
  notes: string[];
}

/**
 * A completed check run on `sha`, its first 50 annotations in the create call and the rest appended by PATCH.
 * When check runs are not permitted (403: PAT, missing `checks: write`) a commit status with the same name
 * carries the verdict instead, so a required check still sees it.
 */
export async function publishCheck(client: GitHubClient, options: RepoRef & { sha: string; name: string; verdict: Verdict; output: CheckOutput; detailsUrl?: string }): Promise<CheckOutcome> {
  const { owner, repo, sha, name, output } = options;
  const outcome: CheckOutcome = { delivered: 'none', annotations: 0, calls: 0, denied: false, notes: [] };
  const chunks: CheckOutput['annotations'][] = [];
  for (let i = 0; i < output.annotations.length; i += ANNOTATIONS_PER_REQUEST) chunks.push(output.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const text = output.annotationsOmitted > 0 ? `${output.text}\n\n_${output.annotationsOmitted} more annotations not shown._` : output.text;
  const base = { title: output.title, summary: output.summary, text: text.length > 65_535 ? output.text : text };
  try {
    outcome.calls++;
    const created = await client.rest.checks.create({
      owner, repo, name, head_sha: sha, status: 'completed',
      conclusion: options.verdict === 'pass' ? 'success' : 'failure',
      ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
      output: { ...base, annotations: chunks[0] ?? [] },
    });
    outcome.delivered = 'check-run';
    outcome.checkRunId = created.data.id;
    outcome.annotations = chunks[0]?.length ?? 0;
  } catch (error) {
    if (!isPermissionDenied(error)) {
      outcome.notes.push(`check run not created: ${httpMessage(error)}`);
      return outcome;
    }
    outcome.notes.push(`check runs not permitted (${httpMessage(error)}); setting a commit status instead`);
    return statusFallback(client, options, outcome);
  }
  for (const chunk of chunks.slice(1)) {
    outcome.calls++;
    try {
      await client.rest.checks.update({ owner, repo, check_run_id: outcome.checkRunId as number, output: { ...base, annotations: chunk } });
      outcome.annotations += chunk.length;
    } catch (error) {
      outcome.notes.push(`annotations after ${outcome.annotations} not added: ${httpMessage(error)}`);
      break;
    }
  }
  return outcome;
}

async function statusFallback(client: GitHubClient, options: RepoRef & { sha: string; name: string; verdict: Verdict; output: CheckOutput; detailsUrl?: string }, outcome: CheckOutcome): Promise<CheckOutcome> {
  outcome.calls++;
  try {
    await client.rest.repos.createCommitStatus({
      owner: options.owner, repo: options.repo, sha: options.sha, context: options.name,
      state: options.verdict === 'pass' ? 'success' : 'failure',
      // Status descriptions are capped at 140 characters.
      description: options.output.title.slice(0, 140),
      ...(options.detailsUrl ? { target_url: options.detailsUrl } : {}),
    });
    outcome.delivered = 'status';
  } catch (error) {
    outcome.denied = isPermissionDenied(error);
    outcome.notes.push(`commit status not set: ${httpMessage(error)}`);
  }
  return outcome;
}
