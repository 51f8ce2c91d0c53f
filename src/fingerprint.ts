import { createHash, createHmac } from 'node:crypto';

/**
 * Content fingerprint for a finding: stable across line moves, so it never includes a line number.
 * Parts are joined with NUL so ("ab","c") and ("a","bc") differ.
 */
export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/** Keyed fingerprint for values that must not be recoverable by brute force (secrets). */
export function keyedFingerprint(key: string, ...parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\0')).digest('hex').slice(0, 32);
}
