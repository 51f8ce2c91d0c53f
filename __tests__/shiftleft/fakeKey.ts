import { randomBytes } from 'node:crypto';

/** A PEM-shaped block of random bytes: looks like a private key to a scanner, is nobody's key. */
export function fakePrivateKey(): string {
  const body = randomBytes(240).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
}
