// The Sprig regex functions run Go's regexp semantics on a linear-time engine, so patterns from
// widely used helper libraries (an optional character inside a repeated group) render instead of
// being refused, and adversarial patterns still cannot hang a scan.
import { compileGoRegexp } from '../../src/scanners/manifests/helm/functions/go-regexp.js';
import { Evaluator } from '../../src/scanners/manifests/helm/evaluator.js';
import { parseTemplate } from '../../src/scanners/manifests/helm/parser.js';
import { Origins } from '../../src/scanners/manifests/tracked-yaml.js';

function render(source: string, data: Record<string, unknown> = {}): string {
  const ev = new Evaluator(new Origins());
  const tpl = parseTemplate(source, 't.yaml');
  ev.addDefines(tpl);
  return ev.render(tpl, { v: data }).text;
}

describe('Go regular expressions in templates', () => {
  test('a repeated group holding an optional character renders (namespace-sanitising helpers)', () => {
    const out = render('{{ regexReplaceAll "(-?[^a-z\\\\d\\\\-])+-?" (lower .ns) "-" | trimSuffix "-" }}', { ns: 'Team_A.Prod' });
    expect(out).toBe('team-a-prod');
  });

  test('patterns that backtrack exponentially elsewhere still answer', () => {
    const input = `${'a'.repeat(5000)}!`;
    expect(compileGoRegexp('(a+)+$').test(input)).toBe(false);
    expect(compileGoRegexp('(a|aa)*b').test(input)).toBe(false);
  });

  test('replacement templates expand like Go', () => {
    const re = compileGoRegexp('(?P<key>\\w+)=(\\w+)');
    expect(re.replaceAll('a=1 b=2', '${2}:$key')).toBe('1:a 2:b');
    expect(re.replaceAll('a=1', '$$1 $9 ${nope}')).toBe('$1  ');
    expect(re.replaceAllLiteral('a=1', '$1')).toBe('$1');
  });

  test('findAll and split follow Go for limits and empty matches', () => {
    expect(compileGoRegexp('a*').findAll('baaac', -1)).toEqual(['', 'aaa', '']);
    expect(compileGoRegexp('[0-9]').findAll('a1b2c3', 2)).toEqual(['1', '2']);
    expect(compileGoRegexp(',').split('a,b,c', -1)).toEqual(['a', 'b', 'c']);
    expect(compileGoRegexp(',').split('a,b,c', 2)).toEqual(['a', 'b,c']);
    expect(compileGoRegexp(',').split('a,b,c', 0)).toEqual([]);
    expect(compileGoRegexp('x*').split('axbc', -1)).toEqual(['a', 'b', 'c']);
  });

  test('backreferences are not RE2 and are reported as invalid', () => {
    expect(() => compileGoRegexp('(x)\\1')).toThrow(/invalid regular expression/);
  });
});
