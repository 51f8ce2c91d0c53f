/** owner/name of the repository the action runs in. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function parseRepository(value: string | undefined): RepoRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value ?? '');
  if (!match) throw new Error(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(value ?? '')}`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/** HTTP status of an Octokit error, or undefined for anything else (network failure, bug). */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The message GitHub put in the error body, for logs (never contains request bodies). */
export function httpMessage(error: unknown): string {
  const e = error as { message?: unknown; response?: { data?: { message?: unknown } } } | null;
  const message = e?.response?.data?.message ?? e?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * 403 (not a rate limit) or 404 on a write: the token may not do this (fork PR, missing permission, feature off).
 * A rate-limit 403 that outlived the throttling plugin's retries is a transient failure, not a permission answer.
 */
export function isPermissionDenied(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === 404) return true;
  return status === 403 && !/rate limit/i.test(httpMessage(error));
}
