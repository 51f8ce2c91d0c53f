// mix.lock: an Elixir map literal, one `"name": {:hex, :name, "version", ...}` entry per line (mix writes it
// that way). Git and path dependencies have no registry version: version ''.
import type { LockfileParseResult, Package } from '../types.js';
import { splitLines } from './text.js';

const ENTRY = /^\s*"([^"]+)":\s*\{:(\w+),\s*(.*)$/;
const HEX_ARGS = /^:"?([\w.-]+)"?,\s*"([^"]*)"/;

export function parseMixLock(text: string): LockfileParseResult {
  const lines = splitLines(text);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1 || !(lines[first] ?? '').trim().startsWith('%{')) {
    return { packages: [], error: 'mix.lock: does not start with an Elixir map (%{)' };
  }
  const out: Package[] = [];
  lines.forEach((line, index) => {
    const entry = ENTRY.exec(line);
    if (!entry?.[1]) return;
    const [, name, kind, rest] = entry;
    const version = kind === 'hex' ? (HEX_ARGS.exec(rest ?? '')?.[2] ?? '') : '';
    out.push({ name, version, ecosystem: 'Hex', line: index + 1 });
  });
  return { packages: out };
}
