import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

/** The Octokit we use everywhere: REST methods + pagination + retry on 5xx + rate-limit aware throttling. */
const ShiftguardOctokit: typeof Octokit = Octokit.plugin(retry, throttling);
export type GitHubClient = Octokit;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise Server sets e.g. https://ghes.example/api/v3). */
  baseUrl: string;
  log: (message: string) => void;
  /**
   * Spacing of content-creating requests once the burst is spent. GitHub's secondary limit is 80 a
   * minute; a burst of 20 then one a second (1,000 ms) stays within it. Tests pass 0.
   */
  writeSpacingMs?: number;
  /**
   * Content-creating requests sent back to back (still one at a time) before the spacing applies: a
   * run makes a dozen or so (review, SARIF, check run and its annotation pages), and pacing those a
   * second apart cost more wall time than the whole scan.
   */
  writeBurst?: number;
  /** Multiplier for retry-after seconds and retry back-off (ms). Tests pass 1. */
  retryBaseMs?: number;
  /** Retries after a rate limit before giving up (each honours retry-after). */
  rateLimitRetries?: number;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const spacing = options.writeSpacingMs ?? 1000;
  const base = options.retryBaseMs ?? 1000;
  const maxRateRetries = options.rateLimitRetries ?? 2;
  // Our own groups rather than the plugin's module-level ones, so the pacing is explicit and per client.
  const group = (minTime: number, maxConcurrent: number): Bottleneck.Group =>
    new Bottleneck.Group({ minTime, maxConcurrent });
  const burst = Math.max(1, options.writeBurst ?? 20);
  // A token bucket: `burst` writes at once, refilled one per `spacing` ms, never concurrent.
  const writes =
    spacing > 0
      ? new Bottleneck.Group({
          maxConcurrent: 1,
          reservoir: burst,
          reservoirIncreaseAmount: 1,
          reservoirIncreaseInterval: spacing,
          reservoirIncreaseMaximum: burst,
        })
      : group(0, 1);
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number): boolean => {
    const again = retryCount < maxRateRetries;
    options.log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; ${again ? `retrying after ${retryAfter}s` : 'giving up'}`);
    return again;
  };
  const octokit = new ShiftguardOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'shiftguard-action',
    log: { debug: () => undefined, info: () => undefined, warn: options.log, error: options.log },
    retry: { retryAfterBaseValue: base, retries: 3 },
    throttle: {
      id: 'shiftguard',
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      write: writes,
      notifications: group(spacing, 1),
      search: group(spacing * 2, 1),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
  // The throttling plugin only spaces the starts of writes; GitHub asks for them one at a time
  // ("make requests serially"), so each write also waits for the previous one to finish.
  let lastWrite: Promise<unknown> = Promise.resolve();
  octokit.hook.wrap('request', (request, requestOptions) => {
    const method = String(requestOptions.method).toUpperCase();
    if (method === 'GET' || method === 'HEAD') return request(requestOptions);
    const result = lastWrite.then(() => request(requestOptions));
    lastWrite = result.catch(() => undefined);
    return result;
  });
  return octokit;
}
