export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Why a file is refused by size, before or after reading it: the size, the limit and the setting to change. */
export function tooLargeReason(size: number, maxBytes: number, read: boolean): string {
  return `file is too large (${size} bytes, limit ${maxBytes}; see maxFileBytes)${read ? '' : '; not read'}`;
}

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

function swapBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

/**
 * Turns file bytes into text for the scanners, or a reason it cannot: too large, binary (a NUL byte,
 * as git decides), or not valid UTF-8. UTF-16 is accepted only with a byte order mark, which is how
 * Windows tools write it; every BOM is stripped so line 1 column 1 is the first real character.
 */
export function decodeText(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: tooLargeReason(bytes.length, maxBytes, true) };
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const body = bytes.subarray(2);
    try {
      return { ok: true, text: utf16le.decode(b0 === 0xff ? body : swapBytes(body)) };
    } catch {
      return { ok: false, reason: 'invalid UTF-16 text' };
    }
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const hasBom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, text: utf8.decode(hasBom ? bytes.subarray(3) : bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}
