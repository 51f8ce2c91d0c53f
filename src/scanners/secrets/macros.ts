/**
 * Named fragments rule patterns may use as `%{name}`, so hundreds of rules share one definition of "an
 * assignment" and "the end of a value" instead of each carrying its own copy.
 */
export const PATTERN_MACROS: Readonly<Record<string, string>> = {
  // The rest of an identifier after a provider keyword: `heroku_api_key`, `HerokuToken`, `heroku api key`.
  key: String.raw`[\w.-]{0,30}(?:[ \t][\w.-]{1,12}){0,2}`,
  // An assignment in code or config: = := ::= ?= .= => : , > (XML) ||, with quotes around either side and an
  // optional line break before the value (XML elements and YAML block scalars put it on the next line).
  assign: String.raw`[ \t'"\x60\]]{0,3}(?:=>|:{1,3}=|\?=|\.=|\+=|=|:|,|>|\|\|)[ \t'"\x60=]{0,5}(?:[|>][-+]?)?(?:\r?\n[ \t]{0,40}['"]?)?`,
  // The assignment forms generic rules accept: stricter than `assign` (no bare `,` or `||`, `=` not followed by
  // another `=`), because in ordinary code `token, x` and `a === b` are everywhere.
  assignStrict: String.raw`(?:(?:["'\x60\]]{1,2}[ \t]{0,2}(?:=>|:{1,3}=|\?=|\.=|=|:|,)|[ \t]{0,2}(?:=>|:{1,3}=|\?=|\.=|\+=|=|:))[ \t'"\x60]{0,5}|>[ \t]{0,4}(?:\r?\n[ \t]{0,40})?)`,
  // Where a value ends: a quote, space, separator, an escaped newline (\n in a JSON string) or the end of line.
  end: String.raw`(?:[\s'"\x60;,)\]}<>&|\\]|$)`,
  // Where a prefixed token may start: the start of a line or a non-word character.
  start: String.raw`(?:^|[^\w-])`,
  uuid: String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`,
};

export function expandMacros(pattern: string): { source: string; unknown: string[] } {
  const unknown: string[] = [];
  const source = pattern.replace(/%\{(\w+)\}/g, (whole, name: string) => {
    const body = PATTERN_MACROS[name];
    if (body === undefined) {
      unknown.push(name);
      return whole;
    }
    return `(?:${body})`;
  });
  return { source, unknown };
}
