// Rendered text under construction, with a provenance span for every character and a size limit.
import type { SourcePos } from '../types.js';
import { shift, type Prov, type Seg } from './provenance.js';

export class OutputLimitError extends Error {}

export class Output {
  private parts: string[] = [];
  private length = 0;
  readonly segs: Seg[] = [];

  constructor(private readonly limit: number) {}

  private append(text: string): number {
    const start = this.length;
    if (start + text.length > this.limit) throw new OutputLimitError(`rendered output exceeds ${this.limit} characters`);
    this.parts.push(text);
    this.length += text.length;
    return start;
  }

  /** Template text: one span per line so that clipping a span never loses its line. */
  literal(text: string, at: SourcePos): void {
    const start = this.append(text);
    let lineStart = 0;
    let pos = at;
    for (;;) {
      const nl = text.indexOf('\n', lineStart);
      const end = nl < 0 ? text.length : nl + 1;
      if (end > lineStart) this.segs.push({ start: start + lineStart, end: start + end, at: pos, lit: true });
      if (nl < 0) break;
      lineStart = nl + 1;
      pos = { path: at.path, line: pos.line + 1, column: 1 };
    }
  }

  /** A printed value: its own spans where known, the printing action's place elsewhere. */
  value(text: string, prov: Prov | undefined, fallback: SourcePos): void {
    const start = this.append(text);
    const own = prov ? shift(prov, start, start, start + text.length).sort((a, b) => a.start - b.start) : [];
    let cursor = start;
    for (const seg of own) {
      if (seg.start < cursor) continue;
      if (seg.start > cursor) this.segs.push({ start: cursor, end: seg.start, at: fallback, lit: false });
      this.segs.push(seg);
      cursor = seg.end;
    }
    if (cursor < start + text.length) this.segs.push({ start: cursor, end: start + text.length, at: fallback, lit: false });
  }

  text(): string {
    const joined = this.parts.join('');
    this.parts = [joined];
    return joined;
  }
}
