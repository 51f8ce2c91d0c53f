import { TemplateError } from '../../src/scanners/manifests/helm/ast.js';
import { Evaluator } from '../../src/scanners/manifests/helm/evaluator.js';
import { sprintf } from '../../src/scanners/manifests/helm/format.js';
import { parseTemplate } from '../../src/scanners/manifests/helm/parser.js';
import { Origins } from '../../src/scanners/manifests/tracked-yaml.js';

function render(source: string, data: Record<string, unknown> = {}, defines: string[] = []): string {
  const ev = new Evaluator(new Origins());
  for (const d of defines) ev.addDefines(parseTemplate(d, 'helpers.tpl'));
  const tpl = parseTemplate(source, 't.yaml');
  ev.addDefines(tpl);
  return ev.render(tpl, { v: data }).text;
}

function failure(source: string, data: Record<string, unknown> = {}): string {
  try {
    render(source, data);
  } catch (e) {
    if (e instanceof TemplateError) return e.reason;
    throw e;
  }
  throw new Error('rendered without error');
}

describe('syntax', () => {
  test.each([
    ['trim markers', 'a  {{- "b" -}}  \n c', {}, 'abc'],
    ['comments', 'a{{/* note */}}b{{- /* trimmed */ -}} c', {}, 'abc'],
    ['variables and assignment', '{{ $x := 1 }}{{ $x = add $x 2 }}{{ $x }}', {}, '3'],
    ['if / else if / else', '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}', { b: 1 }, 'B'],
    ['with rebinds dot and has else', '{{ with .m }}{{ .k }}{{ else }}none{{ end }}|{{ with .n }}x{{ else }}none{{ end }}', { m: { k: 'v' } }, 'v|none'],
    ['range list with index', '{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}', { l: ['a', 'b'] }, '0=a;1=b;'],
    ['range map sorted by key', '{{ range $k, $v := .m }}{{ $k }}{{ $v }}{{ end }}', { m: { b: 2, a: 1 } }, 'a1b2'],
    ['range else, break, continue', '{{ range .e }}x{{ else }}empty{{ end }}{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}', { e: [], l: [1, 2, 3, 4, 5] }, 'empty13'],
    ['root variable inside range', '{{ range .l }}{{ $.name }}{{ end }}', { l: [1, 2], name: 'n' }, 'nn'],
    ['parenthesised calls and field chains', '{{ (index .l 1).name }}-{{ (dict "a" (list 1 2)).a }}', { l: [{}, { name: 'x' }] }, 'x-[1 2]'],
    ['define / template / block', '{{ template "t" "arg" }}|{{ block "b" . }}default{{ end }}', {}, '<arg>|default'],
    ['include result through a pipeline', '{{ include "t" "y" | upper }}', {}, '<Y>'],
    ['tpl renders a string with the given context', '{{ tpl .s . }}', { s: 'hello {{ .who }}', who: 'world' }, 'hello world'],
    ['missing values print empty', 'a{{ .missing.deeper }}b', {}, 'ab'],
    ['raw strings and char constants', '{{ `a"b` }}{{ print 65 }}', {}, 'a"b65'],
  ])('%s', (_name, source, data, expected) => {
    expect(render(source, data as Record<string, unknown>, ['{{ define "t" }}<{{ . }}>{{ end }}'])).toBe(expected);
  });

  test('unsupported or malformed constructs name the problem and offset', () => {
    expect(failure('{{ nope 1 }}')).toBe('unsupported function "nope"');
    expect(failure('{{ if 1 }}')).toContain('missing {{end}}');
    expect(failure('{{ end }}')).toBe('unexpected {{end}}');
    expect(failure('{{ $undefined }}')).toBe('undefined variable: $undefined');
    expect(failure('{{ template "none" }}')).toBe('no template named "none"');
    expect(failure('{{ .s.field }}', { s: 'str' })).toBe("can't evaluate field field in type string");
  });
});

describe('functions', () => {
  test.each([
    ['default', '{{ .x | default "d" }}|{{ .y | default "d" }}', { y: 'v' }, 'd|v'],
    ['quote / squote', '{{ quote "a\\"b" }} {{ squote 1 }}', {}, '"a\\"b" \'1\''],
    ['toYaml sorted keys and flush lists', '{{ toYaml .v }}', { v: { b: [1, 'x'], a: { c: 'yes' } } }, 'a:\n  c: "yes"\nb:\n- 1\n- x'],
    ['toJson', '{{ toJson .v }}', { v: { a: [1, true] } }, '{"a":[1,true]}'],
    ['fromYaml', '{{ (fromYaml "a: 1").a }}', {}, '1'],
    ['nindent / indent', '{{ "a\\nb" | nindent 2 }}|{{ indent 1 "c" }}', {}, '\n  a\n  b| c'],
    ['trim family', '{{ trim "  a " }}{{ trimAll "x" "xbx" }}{{ trimPrefix "p" "pc" }}{{ trimSuffix "s" "ds" }}', {}, 'abcd'],
    ['case', '{{ upper "a" }}{{ lower "B" }}{{ title "hello world" }}', {}, 'AbHello World'],
    ['printf verbs', '{{ printf "%s-%d-%v-%q" "a" 3 true "q" }}', {}, 'a-3-true-"q"'],
    ['print / println', '{{ print "a" 1 2 }}|{{ println "x" }}', {}, 'a1 2|x\n'],
    ['replace / contains / prefixes', '{{ replace "a" "b" "aa" }}{{ contains "b" "abc" }}{{ hasPrefix "a" "ab" }}{{ hasSuffix "x" "ab" }}', {}, 'bbtruetruefalse'],
    ['list / dict / get / set / hasKey / keys', '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ get $d "b" }}{{ hasKey $d "a" }}{{ keys $d | sortAlpha }}{{ len (list 1 2 3) }}', {}, '2true[a b]3'],
    ['merge keeps dst, mergeOverwrite replaces', '{{ (merge (dict "a" 1) (dict "a" 2 "b" 3)).a }}{{ (mergeOverwrite (dict "a" 1) (dict "a" 2)).a }}', {}, '12'],
    ['omit / pick', '{{ omit (dict "a" 1 "b" 2) "a" }}{{ pick (dict "a" 1 "b" 2) "a" }}', {}, 'map[b:2]map[a:1]'],
    ['empty / coalesce / ternary', '{{ empty "" }}{{ coalesce "" 0 "c" }}{{ ternary "y" "n" false }}', {}, 'truecn'],
    ['comparisons and logic', '{{ eq 1 1 }}{{ ne "a" "b" }}{{ lt 1 2 }}{{ le 2 2 }}{{ gt 3 2 }}{{ ge 1 2 }}{{ and 1 0 }}{{ or 0 "x" }}{{ not 0 }}', {}, 'truetruetruetruetruefalse0xtrue'],
    ['eq with several candidates', '{{ eq "b" "a" "b" }}', {}, 'true'],
    ['index into maps and lists', '{{ index .m "k" 1 }}', { m: { k: ['x', 'y'] } }, 'y'],
    ['b64 / sha256', '{{ b64enc "hi" }} {{ b64dec "aGk=" }} {{ sha256sum "" | trunc 8 }}', {}, 'aGk= hi e3b0c442'],
    ['trunc negative', '{{ trunc -2 "abcd" }}', {}, 'cd'],
    ['splitList / join', '{{ splitList "," "a,b" | join "+" }}', {}, 'a+b'],
    ['conversions', '{{ add (int "3") (atoi "4") (int64 1.9) }} {{ float64 "1.5" }} {{ toString 5 }}', {}, '8 1.5 5'],
    ['semverCompare', '{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}{{ semverCompare "<1.0" "1.2.3" }}', { Capabilities: { KubeVersion: { GitVersion: 'v1.31.0' } } }, 'truefalse'],
    ['regexMatch / regexReplaceAll', '{{ regexMatch "^[a-z]+$" "abc" }}{{ regexReplaceAll "a(b)" "xab" "${1}!" }}', {}, 'truexb!'],
    ['until / untilStep', '{{ until 3 }}{{ untilStep 0 10 4 }}', {}, '[0 1 2][0 4 8]'],
    ['lookup is always empty', '{{ len (lookup "v1" "Secret" "ns" "name") }}', {}, '0'],
    ['path helpers', '{{ base "a/b.txt" }} {{ dir "a/b.txt" }} {{ ext "a/b.txt" }}', {}, 'b.txt a .txt'],
    ['float math', '{{ addf 1.5 2 }} {{ divf 3 2 }}', {}, '3.5 1.5'],
    ['must variants alias the plain ones', '{{ mustRegexReplaceAll "a" "banana" "o" }}{{ mustFirst (list 1 2) }}', {}, 'bonono1'],
    ['generated credentials are fixed placeholders', '{{ (genCA "x" 365).Cert }}', {}, 'generated-at-install-time'],
    ['required passes present values', '{{ required "need x" .x }}', { x: 'ok' }, 'ok'],
  ])('%s', (_name, source, data, expected) => {
    expect(render(source, data as Record<string, unknown>)).toBe(expected);
  });

  test('required, fail and env stop the file with their message', () => {
    expect(failure('{{ required "x is required" .x }}')).toBe('required: x is required');
    expect(failure('{{ fail "no way" }}')).toBe('fail: no way');
    expect(failure('{{ env "HOME" }}')).toContain('env is not allowed');
    expect(failure('{{ expandenv "$HOME" }}')).toContain('expandenv is not allowed');
    expect(failure('{{ until 100000 }}')).toContain('exceeds the limit');
  });

  test('regular expressions follow Go: RE2 syntax, no backreferences', () => {
    expect(failure('{{ regexMatch "(x)\\\\1" "xx" }}')).toContain('invalid regular expression');
    expect(render('{{ regexMatch "(?i)^abc$" "ABC" }}')).toBe('true');
  });

  test('sprintf follows Go for widths and missing operands', () => {
    expect(sprintf('%5s|%-3d|%05d|%.2f', ['ab', 7, 42, 3.14159])).toBe('   ab|7  |00042|3.14');
    expect(sprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
  });
});

describe('toYaml of multi-line strings', () => {
  test('a block scalar is indented past its holder, so `key: {{ toYaml }}` stays valid YAML', () => {
    expect(render('key: {{ toYaml .v }}', { v: 'first\nsecond' })).toBe('key: |-\n  first\n  second');
    expect(render('{{ toYaml .v }}', { v: { m: 'a\nb', l: ['p\nq'] } })).toBe('l:\n- |-\n  p\n  q\nm: |-\n  a\n  b');
  });

  test('leading spaces keep their indentation indicator relative to the holder', () => {
    expect(render('{{ toYaml .v }}', { v: { m: '  lead\nx' } })).toBe('m: |2-\n    lead\n  x');
  });
});

describe('Go template corners seen in public charts', () => {
  test('and stops at a nil (a missing or null value), not only at false', () => {
    expect(render('{{ if and .port.uplink true }}Y{{ else }}N{{ end }}{{ if and .none true }}Y{{ else }}N{{ end }}', { port: { uplink: null } })).toBe('NN');
  });

  test('a pipe left dangling before the closing delimiter is accepted, as Go does', () => {
    expect(render('{{ "a" | upper | }}|{{ (list 1 2 | len | ) }}')).toBe('A|2');
  });

  test('hexadecimal floating-point literals', () => {
    expect(render('{{ divf 2097152 0x1p20 }} {{ 0x1.8p1 }}')).toBe('2 3');
  });
});
