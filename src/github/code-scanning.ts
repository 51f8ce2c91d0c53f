import type { GitHubClient } from './client.js';
import type { RepoRef } from './repo.js';
import { httpMessage, httpStatus, isPermissionDenied } from './repo.js';

export interface SarifUploadOptions extends RepoRef {
  /** gzip then Base64 of the SARIF JSON (what the REST endpoint takes). */
  sarif: string;
  commitSha: string;
  /** refs/heads/<b>, refs/pull/<n>/head (with the PR head sha), ...: GitHub rejects a sha that does not fit the ref. */
  ref: string;
  checkoutUri?: string;
  startedAt?: string;
  /** Status polls before giving up waiting (the upload stands either way). */
  pollAttempts: number;
  pollDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface SarifUploadOutcome {
  uploaded: boolean;
  id?: string;
  status?: string;
  /** 403/404: code scanning off, no GHAS on a private repo, or a read-only token (fork). Not a crash. */
  denied: boolean;
  calls: number;
  notes: string[];
}

export async function uploadSarif(client: GitHubClient, options: SarifUploadOptions): Promise<SarifUploadOutcome> {
  const { owner, repo } = options;
  const outcome: SarifUploadOutcome = { uploaded: false, denied: false, calls: 1, notes: [] };
  try {
    const res = await client.rest.codeScanning.uploadSarif({
      owner, repo, sarif: options.sarif, commit_sha: options.commitSha, ref: options.ref,
      ...(options.checkoutUri ? { checkout_uri: options.checkoutUri } : {}),
      ...(options.startedAt ? { started_at: options.startedAt } : {}),
    });
    outcome.uploaded = true;
    if (res.data.id) outcome.id = res.data.id;
  } catch (error) {
    outcome.denied = isPermissionDenied(error);
    const why = outcome.denied
      ? 'code scanning is not available to this token (read-only fork token, missing `security-events: write`, or code scanning / GitHub Advanced Security not enabled); the check, review and summary still carry every finding'
      : `HTTP ${httpStatus(error) ?? '?'}`;
    outcome.notes.push(`SARIF not uploaded: ${httpMessage(error)} — ${why}`);
    return outcome;
  }
  if (!outcome.id) return outcome;
  for (let attempt = 0; attempt < options.pollAttempts; attempt++) {
    if (attempt > 0) await options.sleep(options.pollDelayMs);
    outcome.calls++;
    try {
      const status = await client.rest.codeScanning.getSarif({ owner, repo, sarif_id: outcome.id });
      outcome.status = status.data.processing_status ?? 'unknown';
      if (outcome.status === 'failed') {
        outcome.notes.push(`code scanning could not process the SARIF: ${(status.data.errors ?? []).join('; ') || 'no reason given'}`);
        return outcome;
      }
      if (outcome.status === 'complete') return outcome;
    } catch (error) {
      outcome.notes.push(`SARIF processing status unknown: ${httpMessage(error)}`);
      return outcome;
    }
  }
  outcome.notes.push(`SARIF still ${outcome.status ?? 'pending'} after ${options.pollAttempts} checks; code scanning will finish processing it`);
  return outcome;
}
