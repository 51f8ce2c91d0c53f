import { findInlineIgnores, matchInlineIgnore } from '../../src/policy/inlineSuppressions.js';

describe('inline ignore comments', () => {
  test('every comment style, several rule ids, reasons kept', () => {
    const { ignores, warnings } = findInlineIgnores(
      'x',
      [
        'a # shiftguard:ignore rule-a hash reason',
        'b // shiftguard:ignore rule-b,rule-c slashes',
        'c /* shiftguard:ignore rule-d block */',
        'd <!-- shiftguard:ignore rule-e html -->',
        'e -- shiftguard:ignore GHSA-abcd-efgh-ijkl sql',
        'f shiftguard:ignore rule-f not in a comment',
      ].join('\r\n'),
    );
    expect(warnings).toEqual([]);
    expect(ignores).toEqual([
      { line: 1, ruleIds: ['rule-a'], reason: 'hash reason' },
      { line: 2, ruleIds: ['rule-b', 'rule-c'], reason: 'slashes' },
      { line: 3, ruleIds: ['rule-d'], reason: 'block' },
      { line: 4, ruleIds: ['rule-e'], reason: 'html' },
      { line: 5, ruleIds: ['ghsa-abcd-efgh-ijkl'], reason: 'sql' },
    ]);
    expect(matchInlineIgnore(ignores, 'GHSA-abcd-efgh-ijkl', 6)?.reason).toBe('sql');
    expect(matchInlineIgnore(ignores, 'rule-a', 3)).toBeUndefined();
  });

  test('a directive without a rule id suppresses nothing and says so', () => {
    const { ignores, warnings } = findInlineIgnores('k8s/a.yaml', 'x: 1\n# shiftguard:ignore\n/* shiftguard:ignore */\n');
    expect(ignores).toEqual([]);
    expect(warnings.map((w) => w.reason.slice(0, 7))).toEqual(['line 2:', 'line 3:']);
  });
});
