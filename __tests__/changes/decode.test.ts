import { decodeText } from '../../src/changes/decode.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('decodeText', () => {
  test('plain UTF-8 and empty files decode', () => {
    expect(decodeText(Buffer.from('héllo\n'))).toEqual({ ok: true, text: 'héllo\n' });
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  test('byte order marks are stripped; UTF-16 with a BOM is decoded', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ ok: true, text: 'a' });
    expect(decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x62, 0x00))).toEqual({ ok: true, text: 'ab' });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x61, 0x00, 0x62))).toEqual({ ok: true, text: 'ab' });
  });

  test('binary, invalid UTF-8 and oversized files give a reason', () => {
    expect(decodeText(bytes(0x61, 0x00, 0x62))).toEqual({ ok: false, reason: 'binary file (contains NUL bytes)' });
    expect(decodeText(bytes(0x61, 0xc3, 0x28))).toEqual({ ok: false, reason: 'not valid UTF-8 text' });
    const big = decodeText(Buffer.from('abcdef'), 5);
    expect(big.ok).toBe(false);
    expect(!big.ok && big.reason).toMatch(/too large \(6 bytes, limit 5/);
  });
});
