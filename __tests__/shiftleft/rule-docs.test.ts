import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_DOCS_COMMAND, builtinRuleDocInputs, ruleDocFiles } from '../../src/report/rule-docs-files.js';

const docsDir = join(fileURLToPath(new URL('../../docs/rules', import.meta.url)));

describe('generated rule docs (docs/rules)', () => {
  const expected = ruleDocFiles(builtinRuleDocInputs());

  test('one page per built-in rule plus the index', () => {
    expect(expected.size).toBe(builtinRuleDocInputs().length + 1);
    expect(expected.get('README.md')).toContain('# shiftguard rules');
  });

  test('the committed docs are what the rules generate now', () => {
    const stale: string[] = [];
    for (const [name, content] of expected) {
      const file = join(docsDir, name);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(name);
    }
    const extra = existsSync(docsDir) ? readdirSync(docsDir).filter((n) => n.endsWith('.md') && !expected.has(n)) : [];
    const problems = [...stale.map((n) => `${n} is missing or stale`), ...extra.map((n) => `${n} has no rule`)];
    if (problems.length) {
      throw new Error(`docs/rules is out of date (${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; ...' : ''}): run \`${RULE_DOCS_COMMAND}\` and commit docs/rules`);
    }
    expect(problems).toEqual([]);
  });
});
