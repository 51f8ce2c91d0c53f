/**
 * Kubernetes Secret objects in YAML, found line by line rather than with a YAML parser: Secrets pasted into
 * PRs are often not valid YAML (tabs, Helm templates), and we need each value's line anyway.
 */
export interface SecretEntry {
  /** 1-based line of the key. */
  line: number;
  key: string;
  value: string;
  /** true for `data:` (base64), false for `stringData:`. */
  encoded: boolean;
}

export interface KubernetesSecret {
  name: string;
  /** 1-based line of `kind: Secret`. */
  kindLine: number;
  entries: SecretEntry[];
  /** Last line that belongs to an entry (block scalars span several). */
  lastLine: number;
}

const KIND_SECRET = /^[ \t]{0,2}kind:[ \t]*["']?secret["']?[ \t]*(?:#.*)?$/i;
const DATA_HEADER = /^([ \t]{0,2})(data|stringData):[ \t]*(?:#.*)?$/;
const NAME = /^[ \t]{1,8}name:[ \t]*["']?([\w.-]{1,253})["']?/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

export function mayHoldKubernetesSecret(path: string, text: string): boolean {
  return /\.ya?ml$/i.test(path) && /kind:[ \t]*["']?secret["']?[ \t]*$/im.test(text);
}

/** Every Secret document's data/stringData entries, with the line of each key. */
export function findKubernetesSecrets(text: string): KubernetesSecret[] {
  const lines = text.split(/\r?\n/);
  const secrets: KubernetesSecret[] = [];
  let docStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || /^---/.test(lines[i]!)) {
      const doc = readDocument(lines, docStart, i);
      if (doc) secrets.push(doc);
      docStart = i + 1;
    }
  }
  return secrets;
}

function readDocument(lines: string[], from: number, to: number): KubernetesSecret | null {
  let kindLine = -1;
  let name = '';
  for (let i = from; i < to; i++) {
    if (KIND_SECRET.test(lines[i]!)) kindLine = i;
    const n = NAME.exec(lines[i]!);
    if (n && !name) name = n[1]!;
  }
  if (kindLine < 0) return null;
  const entries: SecretEntry[] = [];
  let lastLine = kindLine + 1;
  for (let i = from; i < to; i++) {
    const header = DATA_HEADER.exec(lines[i]!);
    if (!header) continue;
    const encoded = header[2] === 'data';
    const headerIndent = header[1]!.length;
    let current: SecretEntry | null = null;
    let entryIndent = -1;
    for (let j = i + 1; j < to; j++) {
      const line = lines[j]!;
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      const indent = indentOf(line);
      if (indent <= headerIndent) break;
      const entry = /^([\w.-]{1,253}):(?:[ \t]+(.*))?$/.exec(trimmed);
      if (entry && (entryIndent < 0 || indent <= entryIndent)) {
        entryIndent = indent;
        const raw = (entry[2] ?? '').trim();
        current = { line: j + 1, key: entry[1]!, value: /^[|>][-+]?$/.test(raw) ? '' : unquote(raw), encoded };
        entries.push(current);
      } else if (current) {
        // Continuation of a block scalar or folded value.
        current.value += (current.value && !encoded ? '\n' : '') + unquote(trimmed);
      }
      lastLine = j + 1;
    }
  }
  return { name, kindLine: kindLine + 1, entries, lastLine };
}

/** A value that is really there, as opposed to empty, templated or encrypted by a tool like SOPS. */
export function isLiteralValue(entry: SecretEntry, minEncodedLength: number): boolean {
  const v = entry.value.trim();
  if (!v || /\{\{|\$\{|^ENC\[|^<[^>]*>$/.test(v)) return false;
  if (entry.encoded) return /^[A-Za-z0-9+/=\s]+$/.test(v) && v.replace(/\s/g, '').length >= minEncodedLength;
  return true;
}

/** The decoded text of a data value, or null when it is not base64 of printable text. */
export function decodeDataValue(value: string): string | null {
  const compact = value.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  let printable = 0;
  for (const ch of decoded) if (ch >= ' ' || ch === '\n' || ch === '\r' || ch === '\t') printable++;
  return decoded.length && printable / decoded.length > 0.95 ? decoded : null;
}
