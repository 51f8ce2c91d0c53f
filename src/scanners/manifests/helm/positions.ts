// Offsets in a template to 1-based line and column.
import type { SourcePos } from '../types.js';

export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionIn(path: string, starts: number[], offset: number): SourcePos {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { path, line: lo + 1, column: offset - starts[lo]! + 1 };
}
