import { diffLines, structuredPatch } from 'diff';
import fc from 'fast-check';
import { parsePatchLines } from '../../src/changes/github-api.js';
import { parsePatch } from '../../src/changes/patch.js';

// Few distinct lines, so generated texts share lines and the diffs have context, moves and repeats.
const text = fc.array(fc.constantFrom('a', 'b', 'c', 'key: value', '', '  nested: 1', '+plus', '-minus', ' space', '@@ x'), { maxLength: 40 }).map((lines) =>
  lines.length ? `${lines.join('\n')}\n` : '',
);

/** New-side line numbers the diff package marks as added, computed from its line diff (not from hunks). */
function trulyAdded(oldText: string, newText: string): number[] {
  const added: number[] = [];
  let line = 1;
  for (const part of diffLines(oldText, newText)) {
    const count = part.count ?? 0;
    if (part.added) for (let i = 0; i < count; i++) added.push(line + i);
    if (!part.removed) line += count;
  }
  return added;
}

function hunksOnly(oldText: string, newText: string): { body: string; commentable: number[] } {
  const patch = structuredPatch('f', 'f', oldText, newText, '', '', { context: 3 });
  const commentable = patch.hunks.flatMap((h) => Array.from({ length: h.newLines }, (_, i) => h.newStart + i));
  const body = patch.hunks
    .map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.filter((l) => !l.startsWith('\\'))].join('\n'))
    .join('\n');
  return { body, commentable };
}

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);

describe('diff line mapper (property)', () => {
  test('API patch hunks: added lines are the truly added ones; commentable are the hunks head side', () => {
    fc.assert(
      fc.property(text, text, (oldText, newText) => {
        const { body, commentable } = hunksOnly(oldText, newText);
        const mapped = parsePatchLines(body);
        expect(sorted(mapped.added)).toEqual(trulyAdded(oldText, newText));
        expect(sorted(mapped.commentable)).toEqual(commentable);
        const newLines = newText.split('\n');
        for (const line of mapped.added) expect(newLines[line - 1]).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });

  test('git diff sections (with a path holding spaces): same added lines', () => {
    fc.assert(
      fc.property(text, text, (oldText, newText) => {
        const { body, commentable } = hunksOnly(oldText, newText);
        const patch = body === '' ? '' : `diff --git a/d i r/f.yaml b/d i r/f.yaml\nindex 1..2 100644\n--- a/d i r/f.yaml\n+++ b/d i r/f.yaml\n${body}\n`;
        const lines = parsePatch(patch).get('d i r/f.yaml');
        expect(lines ? sorted(lines.added) : []).toEqual(trulyAdded(oldText, newText));
        expect(lines ? sorted(lines.commentable) : []).toEqual(commentable);
      }),
      { numRuns: 400 },
    );
  });
});
