// Go's printing of template values (fmt %v and the printf verbs charts use), and the truthiness
// rules of text/template. Values are plain JS: maps are objects, slices arrays, nil null/undefined.

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** text/template truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** Go's shortest %v of a float64: exponent form from 1e21 and below 1e-4, like strconv 'g' with -1. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mant, exp] = n.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** fmt's %v. nil prints as Helm prints a missing value: empty. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return '<func>';
  if (Array.isArray(v)) return `[${v.map((x) => (x === null || x === undefined ? '<nil>' : formatValue(x))).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${v[k] === null || v[k] === undefined ? '<nil>' : formatValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const MAX_WIDTH = 10_000;

/** Go's fmt.Sprintf for the verbs templates use: %s %d %v %q %f %g %x %X %t %c %%, with flags and width. */
export function sprintf(format: string, args: unknown[]): string {
  let argIndex = 0;
  return format.replace(/%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/g, (whole, flags: string, widthRaw?: string, precRaw?: string, verb?: string) => {
    if (verb === '%') return '%';
    const width = widthRaw === '*' ? Number(args[argIndex++]) : widthRaw ? Number(widthRaw) : undefined;
    const prec = precRaw === '*' ? Number(args[argIndex++]) : precRaw !== undefined ? Number(precRaw) : undefined;
    // widths come from chart authors: a huge one would allocate without bound
    if ((width ?? 0) > MAX_WIDTH || (prec ?? 0) > MAX_WIDTH) throw new RangeError(`printf width or precision above ${MAX_WIDTH}`);
    if (argIndex >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[argIndex++];
    let out: string;
    switch (verb) {
      case 's':
      case 'v':
        out = formatValue(arg === undefined ? null : arg);
        if (arg === null || arg === undefined) out = verb === 'v' ? '<nil>' : '%!s(<nil>)';
        if (prec !== undefined && verb === 's') out = out.slice(0, prec);
        break;
      case 'q':
        out = typeof arg === 'number' ? `'${String.fromCodePoint(arg)}'` : goQuote(formatValue(arg));
        break;
      case 'd':
        out = typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${typeof arg}=${formatValue(arg)})`;
        if (flags.includes('+') && typeof arg === 'number' && arg >= 0) out = `+${out}`;
        break;
      case 'f':
      case 'F':
        out = typeof arg === 'number' ? arg.toFixed(prec ?? 6) : `%!f(${typeof arg}=${formatValue(arg)})`;
        break;
      case 'g':
        out = typeof arg === 'number' ? formatNumber(arg) : `%!g(${typeof arg}=${formatValue(arg)})`;
        break;
      case 'e':
        out = typeof arg === 'number' ? arg.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : `%!e(${formatValue(arg)})`;
        break;
      case 'x':
      case 'X': {
        const hex =
          typeof arg === 'number' ? Math.trunc(arg).toString(16) : Buffer.from(formatValue(arg), 'utf8').toString('hex');
        out = verb === 'X' ? hex.toUpperCase() : hex;
        break;
      }
      case 't':
        out = typeof arg === 'boolean' ? String(arg) : `%!t(${formatValue(arg)})`;
        break;
      case 'c':
        out = typeof arg === 'number' ? String.fromCodePoint(arg) : `%!c(${formatValue(arg)})`;
        break;
      case 'T':
        out = arg === null || arg === undefined ? '<nil>' : Array.isArray(arg) ? '[]interface {}' : isMap(arg) ? 'map[string]interface {}' : typeof arg === 'number' ? (Number.isInteger(arg) ? 'int' : 'float64') : typeof arg === 'boolean' ? 'bool' : 'string';
        break;
      default:
        return `%!${verb}(${formatValue(arg)})`;
    }
    if (width !== undefined && out.length < width) {
      const pad = flags.includes('0') && !flags.includes('-') && /[dfFgexX]/.test(verb ?? '') ? '0' : ' ';
      out = flags.includes('-') ? out.padEnd(width, ' ') : pad === '0' && out.startsWith('-') ? `-${out.slice(1).padStart(width - 1, '0')}` : out.padStart(width, pad);
    }
    void whole;
    return out;
  }) + (argIndex < args.length ? `%!(EXTRA ${args.slice(argIndex).map((a) => formatValue(a)).join(', ')})` : '');
}

/** Go's fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  for (const [i, a] of args.entries()) {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === null || a === undefined ? '<nil>' : formatValue(a);
  }
  return out;
}
