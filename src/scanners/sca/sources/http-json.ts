// JSON over HTTP with per-attempt timeouts and retries with exponential backoff, for the OSV API.
// Retried: network errors, timeouts, 429 and 5xx, a 403 that names a retry-after (a rate limit at a
// proxy or the front end), and bodies that are not JSON (a proxy's error page); not retried: other
// 4xx, which will not change by asking again. A retry-after longer than the backoff is honoured, up to a minute.

export interface HttpJsonOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
}

export type HttpJsonResult = { ok: true; body: unknown } | { ok: false; reason: string };

/** The longest retry-after honoured: past it the run would rather report SCA incomplete than stall. */
export const MAX_RETRY_AFTER_MS = 60_000;

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 10.2.3), in ms; null when absent or unreadable. */
function retryAfterMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

async function attempt(url: string, init: RequestInit, options: HttpJsonOptions): Promise<HttpJsonResult> {
  let response: Response;
  try {
    response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err) {
    // Duck-typed: fetch's DOMException is not an Error of this realm under every runner.
    const { name, message } = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown };
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new Retryable(timedOut ? `timed out after ${options.timeoutMs} ms` : `network error: ${String(message ?? err)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new Retryable(`HTTP ${response.status}: body could not be read in time`);
  }
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  if (response.status === 429 || response.status >= 500 || (response.status === 403 && retryAfter !== null)) {
    throw new Retryable(`HTTP ${response.status}`, retryAfter);
  }
  if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    throw new Retryable(`HTTP ${response.status} with a body that is not JSON`);
  }
}

export async function requestJson(url: string, init: RequestInit, options: HttpJsonOptions): Promise<HttpJsonResult> {
  let last = '';
  let wait: number | null = null;
  for (let i = 0; i <= options.retries; i++) {
    if (i > 0) await options.sleep(Math.max(options.backoffMs * 2 ** (i - 1), Math.min(wait ?? 0, MAX_RETRY_AFTER_MS)));
    try {
      return await attempt(url, init, options);
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      last = err.message;
      wait = err.retryAfterMs;
    }
  }
  return { ok: false, reason: `${last} (after ${options.retries + 1} attempts)` };
}
