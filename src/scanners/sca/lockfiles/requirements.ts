// requirements.txt (pip's format). Not a lockfile strictly: a line may pin (`==`), bound (`>=`) or leave the
// version open. Like osv-scalibr we report the version of the first `==`/`===`/`>=`/`<=`/`~=` comparator and ''
// otherwise (wildcards included), and keep names as written. `-r other.txt` includes are returned to the caller,
// which resolves them through the repository's FileTree (see resolveRequirementIncludes).
import type { LockfileParseResult, Package } from '../types.js';
import { splitLines } from './text.js';

export interface RequirementsInclude {
  /** As written after -r / --requirement, relative to the including file's directory. */
  path: string;
  line: number;
}

export interface RequirementsParseResult extends LockfileParseResult {
  includes: RequirementsInclude[];
}

/** PEP 508 name (letters, digits, `.`, `_`, `-`), optional extras, then the version specifiers. */
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
const COMPARATOR = /^(===|==|>=|<=|~=|!=|<|>)\s*([^\s,;]+)/;

/** Joins `\`-continued lines; yields each logical line with the 1-based line where it starts. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let buffer = '';
  let start = 0;
  splitLines(text).forEach((raw, index) => {
    if (buffer === '') start = index + 1;
    if (raw.endsWith('\\')) {
      buffer += `${raw.slice(0, -1)} `;
      return;
    }
    out.push({ text: buffer + raw, line: start });
    buffer = '';
  });
  if (buffer !== '') out.push({ text: buffer, line: start });
  return out;
}

function stripComment(line: string): string {
  // pip: a comment starts at `#` at line start or after whitespace (a URL fragment `#egg=` is not one).
  const match = /(^|\s)#/.exec(line);
  return (match ? line.slice(0, match.index) : line).trim();
}

function versionOf(specifiers: string): string {
  const first = COMPARATOR.exec(specifiers.trim());
  if (!first?.[1] || !first[2]) return '';
  const [, op, version] = first;
  if (op === '!=' || op === '<' || op === '>' || version.includes('*')) return '';
  return version;
}

export function parseRequirementsTxt(text: string): RequirementsParseResult {
  const packages: Package[] = [];
  const includes: RequirementsInclude[] = [];
  for (const { text: raw, line } of logicalLines(text)) {
    const content = stripComment(raw);
    if (!content) continue;
    if (content.startsWith('-')) {
      const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(content);
      if (include?.[1]) includes.push({ path: include[1], line });
      continue; // other options: -c, -e, -i, --hash, --index-url...
    }
    const match = REQUIREMENT.exec(content);
    const after = (match?.[3] ?? '').trim();
    // A name is followed by nothing, specifiers, a marker, a direct reference or options; anything else
    // (`https://...whl`, `git+https://...`, `./local/path`) is a bare URL or path with no name to report.
    if (!match?.[1] || (after !== '' && !/^([<>=!~;@]|--)/.test(after))) continue;
    const rest = (match[3] ?? '').split(';')[0] ?? '';
    // `name @ https://...` is a direct reference: no registry version.
    const version = rest.trimStart().startsWith('@') ? '' : versionOf(rest.replace(/\s--\S+.*$/, ''));
    packages.push({ name: match[1], version, ecosystem: 'PyPI', line, direct: true });
  }
  return { packages, includes };
}
