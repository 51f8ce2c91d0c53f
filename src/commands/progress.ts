import type { OutputStream } from './types.js';

/**
 * A status line on stderr for scans longer than a second, and only on a terminal: CI logs and
 * pipes get no carriage-return noise. Returns the log sink to hand to the scanners and a stop().
 */
export function startProgress(stderr: OutputStream): { log: (message: string) => void; stop: () => void } {
  let last = 'starting';
  if (stderr.isTTY !== true) return { log: () => undefined, stop: () => undefined };
  const started = Date.now();
  let shown = false;
  const draw = () => {
    shown = true;
    stderr.write(`\r\u001b[Kshiftguard: ${last} (${Math.round((Date.now() - started) / 1000)}s)`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    log: (message) => {
      last = message;
    },
    stop: () => {
      clearInterval(timer);
      if (shown) stderr.write('\r\u001b[K');
    },
  };
}
