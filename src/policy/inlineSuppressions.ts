import type { ScanError } from '../model.js';

/** One `shiftguard:ignore RULE-ID reason` comment. */
export interface InlineIgnore {
  line: number;
  ruleIds: string[];
  reason: string;
}

// A comment opener (#, //, /*, <!--, --), then the directive; the rule list and the reason are
// optional here so that a directive without a rule id can be reported instead of silently ignored.
const DIRECTIVE = /(?:#|\/\/|\/\*|<!--|--)\s*shiftguard:ignore\b(.*)$/;
const COMMENT_CLOSER = /\s*(?:\*\/|-->)\s*$/;
const RULE_LIST = /^[A-Za-z0-9][\w.:/-]*(?:,[A-Za-z0-9][\w.:/-]*)*$/;

/** Finds every ignore comment in a file; malformed ones become warnings naming the line. */
export function findInlineIgnores(path: string, content: string): { ignores: InlineIgnore[]; warnings: ScanError[] } {
  const ignores: InlineIgnore[] = [];
  const warnings: ScanError[] = [];
  if (!content.includes('shiftguard:ignore')) return { ignores, warnings };
  content.split(/\r?\n/).forEach((text, index) => {
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const rest = match[1]!.replace(COMMENT_CLOSER, '').trim();
    const [ids = '', ...words] = rest.split(/\s+/);
    if (ids === '' || !RULE_LIST.test(ids)) {
      warnings.push({
        path,
        reason: `line ${index + 1}: shiftguard:ignore needs a rule id (shiftguard:ignore RULE-ID reason); nothing suppressed`,
      });
      return;
    }
    ignores.push({ line: index + 1, ruleIds: ids.toLowerCase().split(','), reason: words.join(' ') });
  });
  return { ignores, warnings };
}

/** The ignore that covers a finding: on its first line or the line just above. */
export function matchInlineIgnore(ignores: InlineIgnore[], ruleId: string, startLine: number): InlineIgnore | undefined {
  const id = ruleId.toLowerCase();
  return ignores.find((i) => (i.line === startLine || i.line === startLine - 1) && i.ruleIds.includes(id));
}
