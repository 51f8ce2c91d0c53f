import * as crypto from 'node:crypto';

/**
 * Content fingerprint for a finding: stable across line moves, so it never includes a line number.
 * Parts are joined with NUL so ("ab","c") and ("a","bc") differ.
 */
export function fingerprint(...parts: string[]): string {
  return sha256Hex(parts.join('\0')).slice(0, 32);
}

// The one-shot digest (Node >= 20.12) skips a Hash object per call: scans make tens of thousands.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot
  ? (text: string) => oneShot('sha256', text, 'hex')
  : (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Keyed fingerprint for values that must not be recoverable by brute force (secrets). */
export function keyedFingerprint(key: string, ...parts: string[]): string {
  return crypto.createHmac('sha256', key).update(parts.join('\0')).digest('hex').slice(0, 32);
}
