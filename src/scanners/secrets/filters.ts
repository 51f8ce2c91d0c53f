/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value.length) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// Values that stand for a secret without being one. Applies to every rule: a real token never contains these.
const PLACEHOLDER = new RegExp(
  [
    String.raw`EXAMPLE`, // AWS's documented keys (AKIAIOSFODNN7EXAMPLE ...) and their imitators
    String.raw`(?:^|[^a-z])(?:your|my|insert|enter|put)[_-]?(?:own[_-]?)?(?:api|secret|token|key|pass|access|client|app|auth|private|bot|real|actual)`,
    String.raw`changeme|change[_-]me|placeholder|redacted|replace[_-]?(?:me|this|with)|dummy|fake|\bsample\b|notreal|not[_-]a[_-]real`,
    String.raw`abcdefghij|qwertyuiop|x{5,}|X{5,}|\*{4,}|#{4,}|\.{4,}|0{8,}|_{4,}`,
    String.raw`<[^<>\s]{1,60}>|\$\{[^}]{0,80}\}|#\{[^}]{0,80}\}|\{\{[^}]{0,80}\}\}|\$\([^)]{0,80}\)|%\([^)]{1,60}\)s|%[A-Z_]{2,40}%`,
    String.raw`^\$[A-Za-z_][\w.]{0,60}$`,
    // Format-string fields standing for the whole value: Python str.format / f-strings, Rust format!, C# `$"{token}"`.
    // Only a name ({token}, {api_key}, {token_1}, {0}): braces around random material ({ZqL5kVrX1n8t}) stay a secret.
    String.raw`^\{(?:[A-Za-z_][A-Za-z_.]{0,60}\d{0,2}|\d{0,2})\}$`,
  ].join('|'),
  'i',
);

// Lower-case words naming what stands there, joined by - or _: secret-token, test-password, index-secret. Case
// matters here: a capitalised `TestSource-Password` is how some configs spell a real one.
const NAMED_STAND_IN = /^(?:[a-z]+[_-])+(?:secret|password|passwd|token)(?:[_-][a-z]+)*$|^(?:secret|password|passwd|token)(?:[_-][a-z]+)+$/;

// Case-insensitive throughout: "example" inside a random base62 token has odds around 1e-9, so folding costs nothing.
export function isPlaceholder(secret: string): boolean {
  return PLACEHOLDER.test(secret) || NAMED_STAND_IN.test(secret);
}

// References to a secret kept elsewhere: environment lookups, template variables, secret managers.
const REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|getenv|secrets\.|vars\.|env\.|\$env:|config\.|settings\.|self\.|this\.|props\.|args\.|params\.|options\.|opts\.|req\.|request\.)/i;

/** A reference to a secret kept elsewhere (environment, template, secret manager), for every rule. */
export function isReference(secret: string): boolean {
  return REFERENCE.test(secret);
}

/** Low-confidence (generic) rules only: is this value a name, path, reference or formula rather than a secret? */
export function looksLikeNonSecret(secret: string): boolean {
  // Identifiers and dotted names (SECRET_NAME, user.password, someFunction) carry no digits-and-letters mix.
  if (!/\d/.test(secret) || !/[a-zA-Z]/.test(secret)) return true;
  // Paths, URLs and file names.
  if (/^(?:\.{0,2}\/|[a-z]:\\|https?:|file:)/i.test(secret) || /\.(?:pem|key|p12|pfx|crt|cer|json|ya?ml|txt|env|keystore|jks|js|ts|py)$/i.test(secret)) return true;
  // UUIDs and git SHAs are identifiers far more often than secrets in code.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret)) return true;
  if (/^[0-9a-f]{40}$/.test(secret)) return true;
  // Host names and e-mail addresses.
  if (/^[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,200}$/.test(secret)) return true;
  if (/^[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\.(?:com|net|org|io|dev|local|internal|cloud|app|co|us|uk|de|fr|jp|cn|ru|edu|gov|svc|cluster)(?::\d{1,5})?$/i.test(secret)) return true;
  // Integrity and checksum strings (sha512-..., sha256:..., h1:...).
  if (/^(?:sha\d{1,3}|md5|h1)[-:=]/i.test(secret)) return true;
  if (looksLikeIdentifier(secret)) return true;
  // Stand-ins people write by hand: mypassword1, my-secret-42, test_token_1.
  if (/^(?:my|your|the|some|test|demo)[-_]?[a-z]/i.test(secret)) return true;
  // Counting sequences are how people write a stand-in value (0123456789abcdef...).
  if (/0123456789|1234567890|abcdef0123|abcdefg|123456/i.test(secret)) return true;
  // Ruby durations and other method chains on a number: 2.minutes.from_now, 10.seconds, 1.day.ago.
  if (/^\d{1,6}(?:\.[a-z_]{2,30}){1,4}$/.test(secret)) return true;
  // Versions, dates and numbers.
  if (/^v?\d+(?:[.\-_]\d+){1,5}(?:[-+.][\w.]{0,30})?$/.test(secret)) return true;
  // camelCase / snake_case identifiers with a digit (keyId2, user_1_name): no run of 4+ mixed characters.
  if (/^[a-z]+(?:[A-Z][a-z]+|_[a-z]+|\d{1,2})+$/.test(secret)) return true;
  return false;
}

// Splits an identifier into its words: snake_case, kebab-case, dotted.paths, camelCase, letters/digits.
const WORD_BOUNDARY = /[_.$-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|(?<=[A-Z])(?=[A-Z][a-z])/;

/**
 * Code identifiers and type names (SensitiveString2048, Diagnostics.Cannot_find_name, KAFKA_SSL_KEYSTORE) rather
 * than random material: three quarters of their letters sit in pronounceable words of three or more letters and their
 * numbers are short. Random tokens break into many short, vowel-less pieces.
 */
export function looksLikeIdentifier(value: string): boolean {
  if (!/^[A-Za-z][\w.$-]*$/.test(value)) return false;
  let letters = 0;
  let inWords = 0;
  for (const part of value.split(WORD_BOUNDARY)) {
    if (/^\d+$/.test(part)) {
      if (part.length > 4) return false;
      continue;
    }
    letters += part.length;
    if (part.length >= 3 && /[aeiouy]/i.test(part) && !/[bcdfghjklmnpqrstvwxz]{5}/i.test(part)) inWords += part.length;
  }
  return letters > 0 && inWords / letters >= 0.75;
}
