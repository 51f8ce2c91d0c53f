/** Head-side line facts of one file, read from a unified diff with the default 3 lines of context. */
export interface PatchLines {
  /** Lines the change added (what `-U0` would list). */
  added: Set<number>;
  /** Lines inside a hunk on the head side: what GitHub lets a review comment sit on. */
  commentable: Set<number>;
  binary: boolean;
}

/** Undoes git's C-style quoting of a path ("a\tb", octal escapes for raw bytes). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = text[i + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads one (possibly quoted) path token from the start of `text`, returning it and the rest. */
function takePath(text: string): [string, string] {
  // git ends an unquoted name containing a space with a tab in ---/+++ lines (names with a real
  // tab are quoted), so one trailing tab is never part of the name.
  if (!text.startsWith('"')) return [text.replace(/\t$/, ''), ''];
  let i = 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return [unquoteGitPath(text.slice(0, i + 1)), text.slice(i + 1)];
}

/** The head-side path of a `diff --git` section, from the lines git prints before the first hunk. */
function sectionPath(header: string[]): string | null {
  let path: string | null = null;
  for (const line of header) {
    if (line.startsWith('+++ ') && line !== '+++ /dev/null') return takePath(line.slice(4))[0].replace(/^b\//, '');
    if (line.startsWith('rename to ')) path = takePath(line.slice('rename to '.length))[0];
    if (line.startsWith('copy to ')) path = takePath(line.slice('copy to '.length))[0];
  }
  if (path !== null) return path;
  // No ---/+++ lines (binary, mode-only or empty file): old and new names are equal here, so the
  // header is `a/P b/P` and P can be cut out by length even when it contains spaces.
  const names = header[0]!.slice('diff --git '.length);
  if (names.startsWith('"')) {
    const [, rest] = takePath(names);
    return takePath(rest.trimStart())[0].replace(/^b\//, '');
  }
  const length = (names.length - 5) / 2;
  return Number.isInteger(length) ? names.slice(length + 5) : null;
}

/**
 * Parses `git diff -p` (default context) into per-path line facts. Added lines are the `+` lines;
 * commentable lines are every head-side line of every hunk (context and added), as GitHub shows them.
 */
export function parsePatch(patch: string): Map<string, PatchLines> {
  const files = new Map<string, PatchLines>();
  const lines = patch.split('\n');
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]!.startsWith('diff --git ')) {
      i++;
      continue;
    }
    const header = [lines[i++]!];
    while (i < lines.length && !lines[i]!.startsWith('@@') && !lines[i]!.startsWith('diff --git ')) header.push(lines[i++]!);
    const facts: PatchLines = {
      added: new Set(),
      commentable: new Set(),
      binary: header.some((l) => l.startsWith('Binary files ') || l === 'GIT binary patch'),
    };
    while (i < lines.length && lines[i]!.startsWith('@@')) {
      const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(lines[i++]!);
      if (!match) throw new Error(`unexpected hunk header in git diff: ${lines[i - 1]}`);
      let oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      let line = Number(match[2]);
      let newLeft = match[3] === undefined ? 1 : Number(match[3]);
      // The counts in the header say exactly how many body lines follow ('\' notes excepted).
      while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i]!.startsWith('\\'))) {
        const mark = lines[i++]!.charAt(0);
        if (mark === '+') {
          facts.added.add(line);
          facts.commentable.add(line++);
          newLeft--;
        } else if (mark === ' ') {
          facts.commentable.add(line++);
          newLeft--;
          oldLeft--;
        } else if (mark === '-') {
          oldLeft--;
        }
      }
    }
    const path = sectionPath(header);
    if (path !== null) files.set(path, facts);
  }
  return files;
}
