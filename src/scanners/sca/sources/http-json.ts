// JSON over HTTP with per-attempt timeouts and retries with exponential backoff, for the OSV API.
// Retried: network errors, timeouts, 429 and 5xx, and bodies that are not JSON (a proxy's error page);
// not retried: other 4xx, which will not change by asking again.

export interface HttpJsonOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
}

export type HttpJsonResult = { ok: true; body: unknown } | { ok: false; reason: string };

class Retryable extends Error {}

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
  if (response.status === 429 || response.status >= 500) throw new Retryable(`HTTP ${response.status}`);
  if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    throw new Retryable(`HTTP ${response.status} with a body that is not JSON`);
  }
}

export async function requestJson(url: string, init: RequestInit, options: HttpJsonOptions): Promise<HttpJsonResult> {
  let last = '';
  for (let i = 0; i <= options.retries; i++) {
    if (i > 0) await options.sleep(options.backoffMs * 2 ** (i - 1));
    try {
      return await attempt(url, init, options);
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      last = err.message;
    }
  }
  return { ok: false, reason: `${last} (after ${options.retries + 1} attempts)` };
}
