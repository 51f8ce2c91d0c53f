import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { builtinRuleDocInputs, ruleDocFiles } from '../report/rule-docs-files.js';
import { SCANNER_IDS, type RuleMeta } from '../model.js';
import { SCANNERS } from '../scanners/registry.js';
import { parseArgs } from 'node:util';
import { oneOf, parsingArgs } from './args.js';
import type { CliIo, Command } from './types.js';

const usage = `Usage: shiftguard rules [--format text|json|markdown] [--output DIR]

Lists every built-in rule with its metadata (id, scanner, title, severity, description,
remediation, references, tags). --format markdown writes one page per rule plus an index
(README.md) into DIR (default: docs/rules), the pages SARIF help links point at.`;

function builtinRules(io: CliIo): RuleMeta[] {
  return SCANNER_IDS.flatMap((id) => (io.scan?.scannerImpls?.[id] ?? SCANNERS[id]).rules());
}

function toText(rules: RuleMeta[]): string {
  if (rules.length === 0) return 'No built-in rules.\n';
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.scanner.padEnd(9)}  ${r.title}`);
  return `${lines.join('\n')}\n${rules.length} rules\n`;
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the built-in rules',
  usage,
  async run(argv, io) {
    const { values, positionals } = parsingArgs('rules', () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          format: { type: 'string', default: 'text' },
          output: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length) throw new UserError(`rules: unexpected argument ${positionals[0]}`);
    const format = oneOf('--format', values.format, ['text', 'json', 'markdown'] as const);
    if (format === 'markdown') {
      const dir = resolve(io.cwd, values.output ?? 'docs/rules');
      const files = ruleDocFiles(builtinRuleDocInputs());
      await mkdir(dir, { recursive: true });
      // Pages of rules that no longer exist would keep stale links alive.
      for (const name of await readdir(dir)) if (name.endsWith('.md') && !files.has(name)) await rm(join(dir, name));
      for (const [name, content] of files) await writeFile(join(dir, name), content);
      io.stderr.write(`shiftguard: ${files.size - 1} rule pages and README.md written to ${values.output ?? 'docs/rules'}\n`);
      return 0;
    }
    if (values.output !== undefined) throw new UserError('rules: --output needs --format markdown');
    const rules = builtinRules(io);
    io.stdout.write(
      format === 'json'
        ? `${JSON.stringify(
            rules.map(({ id, scanner, title, severity, description, remediation, references, tags }) => ({
              id,
              scanner,
              title,
              severity,
              description,
              remediation,
              references,
              tags,
            })),
            null,
            2,
          )}\n`
        : toText(rules),
    );
    return 0;
  },
};
