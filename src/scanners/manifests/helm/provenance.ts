// Provenance of rendered text: which source file and line produced each character span.
// A value flowing through the evaluator carries the spans of its printed form, so `quote`, `indent`,
// `include` and friends keep the mapping, and the rendered YAML can be located back to its source.
import type { SourcePos } from '../types.js';

/**
 * One span of a string. `lit` spans advance through their source with the text (template text);
 * other spans point at one fixed place (the values key a value came from, or the action that printed it).
 */
export interface Seg {
  start: number;
  end: number;
  at: SourcePos;
  lit: boolean;
}

export type Prov = Seg[];

/** A value plus the provenance of its printed form (relative to that string). */
export interface Tracked {
  v: unknown;
  p?: Prov;
}

export function whole(at: SourcePos): Prov {
  return [{ start: 0, end: Number.MAX_SAFE_INTEGER, at, lit: false }];
}

export function shift(prov: Prov, by: number, clipStart = 0, clipEnd = Number.MAX_SAFE_INTEGER): Prov {
  const out: Prov = [];
  for (const seg of prov) {
    const start = Math.max(seg.start + by, clipStart);
    const end = Math.min(seg.end + by, clipEnd);
    if (end <= start) continue;
    const skipped = start - (seg.start + by);
    out.push({ start, end, at: seg.lit && skipped > 0 ? advance(seg.at, '', skipped) : seg.at, lit: seg.lit });
  }
  return out;
}

/** Position reached after `count` characters of literal text starting at `at` (text optional: column only). */
export function advance(at: SourcePos, text: string, count: number): SourcePos {
  if (!text) return { ...at, column: at.column + count };
  let line = at.line;
  let column = at.column;
  for (let i = 0; i < count && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { path: at.path, line, column };
}

/**
 * Carries provenance from an input string to a function's result: kept when the result contains the
 * input (quote) or is part of it (trim), or has its shape (upper); a one-place origin covers any result.
 */
export function carry(input: string, prov: Prov | undefined, result: string): Prov | undefined {
  if (!prov || prov.length === 0) return undefined;
  if (result === input || result.length === input.length) return prov;
  if (prov.length === 1 && !prov[0]!.lit && prov[0]!.start === 0 && prov[0]!.end >= input.length) return whole(prov[0]!.at);
  if (input.length > 0) {
    const outer = result.indexOf(input);
    if (outer >= 0) return shift(prov, outer);
  }
  if (result.length > 0) {
    const inner = input.indexOf(result);
    if (inner >= 0) return shift(prov, -inner, 0, result.length);
  }
  return undefined;
}

/** Indents every line after each newline by `pad`, keeping spans on their characters. */
export function indentProv(text: string, prov: Prov | undefined, pad: string, leadingNewline: boolean): { text: string; p?: Prov } {
  const lines = text.split('\n');
  let out = leadingNewline ? '\n' : '';
  const starts: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (i > 0) out += '\n';
    out += pad;
    starts.push(out.length);
    out += line;
  }
  if (!prov) return { text: out };
  const mapped: Prov = [];
  let lineStart = 0;
  for (const [i, line] of lines.entries()) {
    const lineEnd = lineStart + line.length;
    const delta = starts[i]! - lineStart;
    // each input line, plus its trailing newline, moves by the same amount
    mapped.push(...shift(prov, delta, starts[i]!, starts[i]! + line.length + 1).filter((s) => s.start >= starts[i]!));
    lineStart = lineEnd + 1;
  }
  return { text: out, p: mapped };
}

/** Turns rendered offsets into source positions. */
export class ProvMap {
  private readonly starts: number[];
  constructor(
    private readonly text: string,
    private readonly segs: Prov,
  ) {
    this.starts = segs.map((s) => s.start);
  }

  private segAt(offset: number): Seg | undefined {
    let lo = 0;
    let hi = this.segs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const seg = this.segs[found];
    return seg && offset < seg.end ? seg : undefined;
  }

  at(offset: number): SourcePos | undefined {
    const seg = this.segAt(offset);
    if (!seg) return undefined;
    if (!seg.lit) return seg.at;
    return advance(seg.at, this.text.slice(seg.start, offset), offset - seg.start);
  }

  /** The first fixed-origin span in [start, end) whose source passes `accept` (e.g. a values file). */
  fixedIn(start: number, end: number, accept: (pos: SourcePos) => boolean): SourcePos | undefined {
    for (let offset = start; offset < end; ) {
      const seg = this.segAt(offset);
      if (!seg) {
        offset++;
        continue;
      }
      if (!seg.lit && accept(seg.at)) return seg.at;
      offset = Math.max(seg.end, offset + 1);
    }
    return undefined;
  }
}

/** Provenance of a plain function's result, taken from the argument it most plausibly came from. */
export function provenanceOf(result: unknown, args: Tracked[]): { p?: Prov } {
  for (let i = args.length - 1; i >= 0; i--) {
    const arg = args[i]!;
    if (!arg.p) continue;
    if (typeof result === 'string' && typeof arg.v === 'string') {
      const p = carry(arg.v, arg.p, result);
      if (p) return { p };
    } else if (result === arg.v) return { p: arg.p };
  }
  return {};
}
