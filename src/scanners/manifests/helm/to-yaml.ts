// toYaml as Helm prints it (sorted keys, sequences flush with their key, no trailing newline), with
// each emitted line tied to the values-file line of the key or item that produced it.
import { stringify } from 'yaml';
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { formatValue, isMap } from './format.js';
import type { Prov } from './provenance.js';

interface Line {
  text: string;
  at: SourcePos | undefined;
}

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
const AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_.eE+-]*|\.inf|\.nan)$/;

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return formatValue(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') {
    if (v !== '' && PLAIN_KEY.test(v) && !AMBIGUOUS.test(v)) return v;
    // emitted as a map value, so a block scalar's lines (and its indentation indicator) are indented
    // two spaces past whatever holds it, as Go's yaml does even at the top level; `key: {{ toYaml }}` relies on it
    return stringify({ k: v }, { version: '1.1', lineWidth: 0 }).replace(/^k: /, '').replace(/\n$/, '');
  }
  return stringify(formatValue(v), { lineWidth: 0 }).replace(/\n$/, '');
}

function keyText(k: string): string {
  return PLAIN_KEY.test(k) && !AMBIGUOUS.test(k) ? k : stringify(k, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
}

function isEmptyContainer(v: unknown): string | null {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return null;
}

function emit(value: unknown, origins: Origins, at: SourcePos | undefined, seen: Set<object>): Line[] {
  if (Array.isArray(value)) {
    if (seen.has(value)) return [{ text: 'null', at }];
    seen.add(value);
    const out: Line[] = [];
    for (const [i, item] of value.entries()) {
      const itemAt = origins.get(value, i) ?? at;
      const child = emitItem(item, origins, itemAt, seen);
      // a scalar's continuation lines are already indented past the dash; a container's are not
      const scalar = !Array.isArray(item) && !isMap(item);
      child.forEach((line, j) => out.push({ text: (j === 0 ? '- ' : scalar ? '' : '  ') + line.text, at: line.at }));
    }
    seen.delete(value);
    return out;
  }
  if (isMap(value)) {
    if (seen.has(value)) return [{ text: 'null', at }];
    seen.add(value);
    const out: Line[] = [];
    for (const key of Object.keys(value).sort()) {
      const child = value[key];
      const keyAt = origins.get(value, key) ?? at;
      const empty = isEmptyContainer(child);
      if (empty !== null || (!Array.isArray(child) && !isMap(child))) {
        const scalar = empty ?? scalarText(child);
        const [first, ...more] = scalar.split('\n');
        out.push({ text: `${keyText(key)}: ${first}`, at: keyAt });
        for (const line of more) out.push({ text: line, at: keyAt });
        continue;
      }
      out.push({ text: `${keyText(key)}:`, at: keyAt });
      const pad = Array.isArray(child) ? '' : '  ';
      for (const line of emit(child, origins, keyAt, seen)) out.push({ text: pad + line.text, at: line.at });
    }
    seen.delete(value);
    return out;
  }
  return scalarText(value)
    .split('\n')
    .map((text) => ({ text, at }));
}

function emitItem(item: unknown, origins: Origins, at: SourcePos | undefined, seen: Set<object>): Line[] {
  const empty = isEmptyContainer(item);
  if (empty !== null) return [{ text: empty, at }];
  return emit(item, origins, at, seen);
}

/** Renders `value` as YAML; `at` is where the value itself came from (used for lines without a key). */
export function toYamlTracked(value: unknown, origins: Origins, at: SourcePos | undefined): { text: string; p: Prov } {
  const empty = isEmptyContainer(value);
  const lines = empty !== null ? [{ text: empty, at }] : emit(value, origins, at, new Set());
  const p: Prov = [];
  let offset = 0;
  let text = '';
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      text += '\n';
      offset++;
    }
    if (line.at) p.push({ start: offset, end: offset + line.text.length + 1, at: line.at, lit: false });
    text += line.text;
    offset += line.text.length;
  }
  return { text, p };
}
