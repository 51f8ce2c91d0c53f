// Less common Sprig functions that public charts still use: path helpers, float math, dates and
// generated credentials. Dates and credentials are fixed placeholders: rendering must be
// deterministic (fingerprints compare base and head renders) and must not create real keys.
import { posix } from 'node:path';
import { toNumber } from './collections.js';
import { str } from './strings.js';
import type { PlainFn } from './types.js';

const GENERATED = 'generated-at-install-time';
const certificate = (): Record<string, string> => ({ Cert: GENERATED, Key: GENERATED });
const fixedDate = '1970-01-01';

export const extraFunctions: Record<string, PlainFn> = {
  base: (p) => posix.basename(str(p)) || '.',
  dir: (p) => posix.dirname(str(p)),
  ext: (p) => posix.extname(str(p)),
  clean: (p) => posix.normalize(str(p)).replace(/(.)\/$/, '$1'),
  isAbs: (p) => posix.isAbsolute(str(p)),
  addf: (...a) => a.reduce<number>((s, x) => s + toNumber(x), 0),
  add1f: (v) => toNumber(v) + 1,
  subf: (a, ...b) => b.reduce<number>((s, x) => s - toNumber(x), toNumber(a)),
  mulf: (...a) => a.reduce<number>((s, x) => s * toNumber(x), 1),
  divf: (a, ...b) => b.reduce<number>((s, x) => s / toNumber(x), toNumber(a)),
  date: () => fixedDate,
  dateInZone: () => fixedDate,
  htmlDate: () => fixedDate,
  htmlDateInZone: () => fixedDate,
  unixEpoch: () => '0',
  dateModify: (_mod, d) => d,
  ago: () => '0s',
  genCA: certificate,
  genSelfSignedCert: certificate,
  genSelfSignedCertWithKey: certificate,
  genSignedCert: certificate,
  genSignedCertWithKey: certificate,
  genPrivateKey: () => GENERATED,
  buildCustomCert: certificate,
  htpasswd: (user) => `${str(user)}:${GENERATED}`,
  bcrypt: () => GENERATED,
  derivePassword: () => GENERATED,
  encryptAES: () => GENERATED,
  decryptAES: () => GENERATED,
};

/** Sprig's must* variants behave like the plain ones here (errors already stop the file). */
export const MUST_ALIASES = [
  'toYaml', 'fromJson', 'merge', 'mergeOverwrite', 'deepCopy', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexFind',
  'regexFindAll', 'regexSplit', 'first', 'last', 'rest', 'initial', 'append', 'push', 'prepend', 'reverse', 'uniq',
  'without', 'has', 'compact', 'slice', 'date', 'dateModify', 'chunk', 'toPrettyJson', 'toRawJson', 'toDate',
];
