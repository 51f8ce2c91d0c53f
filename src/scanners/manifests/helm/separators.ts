// Helm splits a template's output into documents itself, at every `---` that starts a line, before
// any YAML parser sees it; text may follow on the same line (`---# comment`, left there when a trim
// marker ate the newline). A YAML parser does not read that as a separator, so the line break Helm
// implies is written out, and provenance after it moves along.
import type { Prov } from './provenance.js';

const GLUED_SEPARATOR = /(^|\n)---(?=[^\s-])/g;

export function breakGluedSeparators(text: string, prov: Prov): { text: string; prov: Prov } {
  const inserts: number[] = [];
  for (const m of text.matchAll(GLUED_SEPARATOR)) inserts.push(m.index + m[0].length);
  if (inserts.length === 0) return { text, prov };
  let out = '';
  let last = 0;
  for (const at of inserts) {
    out += `${text.slice(last, at)}\n`;
    last = at;
  }
  out += text.slice(last);
  // each segment moves by the number of line breaks inserted before it (a segment spanning one grows)
  const before = (offset: number): number => {
    // inserts are ascending: binary search for how many sit at or before `offset`
    let lo = 0;
    let hi = inserts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inserts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const moved = prov.map((seg) => ({ ...seg, start: seg.start + before(seg.start), end: seg.end === Number.MAX_SAFE_INTEGER ? seg.end : seg.end + before(seg.end - 1) }));
  return { text: out, prov: moved };
}
