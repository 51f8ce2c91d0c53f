// Less common Sprig/Helm functions found in public charts (namespace lists as JSON arrays, TOML
// configs, wrapped text, URL helpers): each renders as Helm renders it instead of failing the file.
import { Evaluator } from '../../src/scanners/manifests/helm/evaluator.js';
import { parseTemplate } from '../../src/scanners/manifests/helm/parser.js';
import { Origins } from '../../src/scanners/manifests/tracked-yaml.js';

function render(source: string, data: Record<string, unknown> = {}): string {
  const ev = new Evaluator(new Origins());
  const tpl = parseTemplate(source, 't.yaml');
  ev.addDefines(tpl);
  return ev.render(tpl, { v: data }).text;
}

test.each([
  ['fromJsonArray ranges over a JSON list', '{{ range fromJsonArray .ns }}[{{ . }}]{{ end }}', { ns: '["a","b"]' }, '[a][b]'],
  ['fromJsonArray of something else holds the error, as in Helm', '{{ len (fromJsonArray "{}") }}', {}, '1'],
  ['toToml / fromToml', '{{ toToml .c }}|{{ (fromToml "x = 2").x }}', { c: { a: 1 } }, 'a = 1\n|2'],
  ['toYamlPretty writes YAML', '{{ toYamlPretty .v }}', { v: { a: [1] } }, 'a:\n- 1'],
  ['must JSON variants', '{{ mustToPrettyJson (dict "a" 1) }}|{{ mustToRawJson (list "<") }}', {}, '{\n  "a": 1\n}|["<"]'],
  ['sha512sum / b32dec / js', '{{ sha512sum "" | trunc 8 }} {{ b32dec "NBUQ====" }} {{ js "a\'<b" }}', {}, "cf83e135 hi a\\'\\u003Cb"],
  ['typeIsLike / biggest / os paths', '{{ typeIsLike "string" "x" }} {{ biggest 1 7 3 }} {{ osBase "a/b.c" }} {{ osDir "a/b.c" }}', {}, 'true 7 b.c a'],
  ['wrap / wrapWith', '{{ wrap 5 "one two three" }}|{{ wrapWith 7 "+" "one two three" }}', {}, 'one\ntwo\nthree|one two+three'],
  ['splitn', '{{ $p := splitn ":" 2 "a:b:c" }}{{ $p._0 }} {{ $p._1 }}', {}, 'a b:c'],
  ['initials / swapcase / trimall', '{{ initials "Hello big World" }} {{ swapcase "aB" }} {{ trimall "$" "$5.00$" }}', {}, 'HbW Ab 5.00'],
  ['chunk', '{{ chunk 2 (list 1 2 3) }}', {}, '[[1 2] [3]]'],
  ['urlParse / urlJoin', '{{ (urlParse "https://u:p@db.example:5432/app?ssl=1").hostname }} {{ urlJoin (dict "scheme" "http" "host" "h:1" "path" "/x") }}', {}, 'db.example http://h:1/x'],
  ['duration', '{{ duration 90 }} {{ duration 3600 }} {{ duration 0 }}', {}, '1m30s 1h0m0s 0s'],
])('%s', (_name, source, data, expected) => {
  expect(render(source, data as Record<string, unknown>)).toBe(expected);
});
