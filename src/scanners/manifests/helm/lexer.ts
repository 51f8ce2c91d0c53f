// Splits a template into text and `{{ }}` actions (applying `{{-` / `-}}` trimming) and tokenizes
// the inside of each action the way Go's text/template lexer does.
import { TemplateError } from './ast.js';

export type TokenKind =
  | 'field'
  | 'dot'
  | 'var'
  | 'ident'
  | 'string'
  | 'number'
  | 'lparen'
  | 'rparen'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'comma';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded value for string and number tokens. */
  value?: string | number;
  offset: number;
  /** Whitespace precedes the token: `.a .b` is two arguments, `$x.a` and `(p).a` are one chain. */
  spaced: boolean;
}

export type Piece = { kind: 'text'; text: string; offset: number } | { kind: 'action'; tokens: Token[]; offset: number };

const SPACE = /[ \t\r\n]/;
/** Real templates nest a few levels; the bound keeps parsing linear in the action's length. */
const MAX_PAREN_DEPTH = 100;

export function splitTemplate(source: string, file: string): Piece[] {
  const pieces: Piece[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= source.length) {
    const open = source.indexOf('{{', pos);
    let textEnd = open < 0 ? source.length : open;
    let textStart = pos;
    const trimLeft = open >= 0 && source[open + 2] === '-' && SPACE.test(source[open + 3] ?? '');
    if (trimNext) while (textStart < textEnd && SPACE.test(source[textStart]!)) textStart++;
    if (trimLeft) while (textEnd > textStart && SPACE.test(source[textEnd - 1]!)) textEnd--;
    if (textEnd > textStart) pieces.push({ kind: 'text', text: source.slice(textStart, textEnd), offset: textStart });
    if (open < 0) break;
    const bodyStart = open + (trimLeft ? 3 : 2);
    const { tokens, end, trimRight, comment } = lexAction(source, bodyStart, file, open);
    if (!comment) pieces.push({ kind: 'action', tokens, offset: open });
    trimNext = trimRight;
    pos = end;
  }
  return pieces;
}

interface Lexed {
  tokens: Token[];
  /** Offset just past `}}`. */
  end: number;
  trimRight: boolean;
  comment: boolean;
}

function lexAction(src: string, start: number, file: string, open: number): Lexed {
  let i = start;
  while (i < src.length && SPACE.test(src[i]!)) i++;
  if (src.startsWith('/*', i)) {
    const close = src.indexOf('*/', i + 2);
    if (close < 0) throw new TemplateError(file, open, 'unclosed comment');
    let j = close + 2;
    while (j < src.length && SPACE.test(src[j]!)) j++;
    const trimRight = src.startsWith('-}}', j);
    if (!trimRight && !src.startsWith('}}', j)) throw new TemplateError(file, open, 'comment ends before closing delimiter');
    return { tokens: [], end: j + (trimRight ? 3 : 2), trimRight, comment: true };
  }
  const tokens: Token[] = [];
  let spaced = true;
  let depth = 0;
  for (;;) {
    if (i >= src.length) throw new TemplateError(file, open, 'unclosed action');
    const c = src[i]!;
    if (SPACE.test(c)) {
      if (src[i + 1] === '-' && src.startsWith('}}', i + 2)) return { tokens, end: i + 4, trimRight: true, comment: false };
      i++;
      spaced = true;
      continue;
    }
    if (src.startsWith('}}', i)) return { tokens, end: i + 2, trimRight: false, comment: false };
    const tokenStart = i;
    const push = (kind: TokenKind, end: number, value?: string | number): void => {
      tokens.push({ kind, text: src.slice(tokenStart, end), offset: tokenStart, spaced, ...(value !== undefined ? { value } : {}) });
      i = end;
      spaced = false;
    };
    if (c === '.') {
      const m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
      if (m) push('field', i + m[0].length);
      else if (/[0-9]/.test(src[i + 1] ?? '')) lexNumber(src, i, push, file);
      else push('dot', i + 1);
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i, i + 256))!;
      push('var', i + m[0].length);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256))!;
      push('ident', i + m[0].length);
    } else if (c === '"') {
      const { end, value } = lexQuoted(src, i, file);
      push('string', end, value);
    } else if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new TemplateError(file, i, 'unterminated raw string');
      push('string', close + 1, src.slice(i + 1, close));
    } else if (c === "'") {
      const { end, value } = lexQuoted(src, i, file);
      push('number', end, value.codePointAt(0) ?? 0);
    } else if (/[0-9+-]/.test(c)) {
      lexNumber(src, i, push, file);
    } else if (c === '(') {
      if (++depth > MAX_PAREN_DEPTH) throw new TemplateError(file, i, `parentheses nested deeper than ${MAX_PAREN_DEPTH}`);
      push('lparen', i + 1);
    } else if (c === ')') {
      depth--;
      push('rparen', i + 1);
    }
    else if (c === '|') push('pipe', i + 1);
    else if (c === ',') push('comma', i + 1);
    else if (c === ':' && src[i + 1] === '=') push('declare', i + 2);
    else if (c === '=') push('assign', i + 1);
    else throw new TemplateError(file, i, `unexpected character ${JSON.stringify(c)} in action`);
  }
}

function lexNumber(src: string, i: number, push: (kind: TokenKind, end: number, value?: number) => void, file: string): void {
  const m = /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*[pP][+-]?\d+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(src.slice(i, i + 64));
  const text = m?.[0] ?? '';
  if (text === '' || text === '+' || text === '-' || text === '.') throw new TemplateError(file, i, 'bad number syntax');
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  let value: number;
  const hexFloat = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(body);
  // Go's hexadecimal floating-point literals (0x1p20 = 2^20), used for byte-size arithmetic
  if (hexFloat) value = (parseInt(hexFloat[1] || '0', 16) + (hexFloat[2] ? parseInt(hexFloat[2], 16) / 16 ** hexFloat[2].length : 0)) * 2 ** Number(hexFloat[3]);
  else if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else value = Number(body);
  if (Number.isNaN(value)) throw new TemplateError(file, i, `bad number syntax: ${text}`);
  push('number', i + text.length, sign * value);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function lexQuoted(src: string, start: number, file: string): { end: number; value: string } {
  const quote = src[start]!;
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return { end: i + 1, value: out };
    if (c === '\n') break;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (e === 'x' || e === 'u' || e === 'U') {
        const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + width);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw new TemplateError(file, i, 'bad escape in string');
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + width;
        continue;
      }
      const mapped = ESCAPES[e];
      if (mapped === undefined) throw new TemplateError(file, i, `unknown escape \\${e} in string`);
      out += mapped;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new TemplateError(file, start, 'unterminated quoted string');
}
