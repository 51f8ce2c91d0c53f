// Generated rule documentation (docs/rules/<id>.md and its index), written by `shiftguard rules --format markdown`.
// Each page says what the rule finds, why it matters, how to fix it, where to read more, and shows the rule's own
// test samples as examples, so the docs cannot drift from what the rule really does.

import { SCANNER_IDS, severityRank, type RuleMeta, type ScannerId } from '../model.js';
import type { RuleSample } from '../rules/load.js';
import { referencesMarkdown, securitySeverity } from './rule-help.js';

export type RuleDocInput = RuleMeta & { samples?: readonly RuleSample[] };

/** Where a rule's page lives in the repository (RULE_DOCS_BASE_URL points at the same folder on GitHub). */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** The default `fail-on` of the action and CLI: what a severity means for the check. */
const DEFAULT_FAIL_ON = 'high';

const SCANNER_TITLES: Record<ScannerId, string> = {
  secrets: 'Secrets',
  sca: 'Dependencies (SCA)',
  manifests: 'Manifests (Kubernetes, Helm, Kustomize, Dockerfile)',
};

const SAMPLE_LANGUAGE: Record<string, string> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  toml: 'toml',
  lock: 'text',
  dockerfile: 'dockerfile',
  env: 'dotenv',
  py: 'python',
  js: 'javascript',
  ts: 'typescript',
  sh: 'sh',
};

function sampleLanguage(rule: RuleDocInput, sample: RuleSample): string {
  const file = (sample.file ?? '').toLowerCase();
  const base = file.split('/').pop() ?? '';
  if (base === 'dockerfile' || base.endsWith('.dockerfile')) return 'dockerfile';
  const ext = base.includes('.') ? (base.split('.').pop() ?? '') : '';
  if (SAMPLE_LANGUAGE[ext]) return SAMPLE_LANGUAGE[ext];
  return rule.scanner === 'manifests' ? 'yaml' : 'text';
}

/** A fence longer than any backtick run inside the content, so samples containing ``` stay intact. */
function fenced(content: string, language: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content.replace(/\n$/, '')}\n${fence}`;
}

/** Shannon entropy in bits per character: random key material is high, placeholders (xxxx) are low. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/**
 * Random-looking: letters with digits (Tr0ub4dor...), long mixed-case runs (base62 keys), or long digit runs
 * (numeric ids), and not a low-entropy placeholder such as sk-...-xxxxxxxx. Plain words (apiVersion, db_password,
 * ANTHROPIC_API_KEY) are not.
 */
function looksRandom(token: string): boolean {
  const digits = /\d/.test(token);
  const letters = /[A-Za-z]/.test(token);
  const mixedCase = /[a-z]/.test(token) && /[A-Z]/.test(token);
  const shaped = (digits && letters) || (mixedCase && token.length >= 16) || /^\d{16,}$/.test(token);
  return shaped && entropy(token) >= 2.5;
}

/**
 * Secrets samples hold realistic fake credentials; published verbatim they would trip secret scanners (GitHub
 * push protection included, and our own) on the docs themselves. Random-looking runs keep their provider prefix
 * (up to the last - or _ in the first 16 characters, else a quarter of the run, at most 4) and lose the rest;
 * placeholders stay, so a "placeholder of the same shape" example still shows how it differs.
 */
export function maskTokens(content: string): string {
  return content.replace(/[A-Za-z0-9_\-+/]{8,}={0,2}/g, (token) => {
    if (!looksRandom(token)) return token;
    const head = token.slice(0, 16);
    const cut = Math.max(head.lastIndexOf('-'), head.lastIndexOf('_')) + 1;
    return `${token.slice(0, cut > 0 ? cut : Math.min(4, Math.floor(token.length / 4)))}${'*'.repeat(12)}`;
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function severityLine(rule: RuleMeta): string {
  const score = securitySeverity(rule);
  const gate =
    severityRank(rule.severity) >= severityRank(DEFAULT_FAIL_ON)
      ? `a new finding fails the check at the default threshold (\`fail-on: ${DEFAULT_FAIL_ON}\`)`
      : `a new finding fails the check only when \`fail-on\` is \`${rule.severity}\` or lower`;
  return `- Severity **${rule.severity}** (GitHub security severity ${score}): ${gate}.`;
}

function tagLine(tag: string): string | null {
  const [kind, ...rest] = tag.split(':');
  const value = rest.join(':');
  if (!value) return null;
  if (kind === 'pss') return `- Required by the Kubernetes Pod Security Standards **${value}** profile.`;
  if (kind === 'cwe') {
    const n = value.replace(/^cwe-/i, '');
    return `- Weakness: [CWE-${n}](https://cwe.mitre.org/data/definitions/${encodeURIComponent(n)}.html).`;
  }
  if (['checkov', 'kube-linter', 'gitleaks', 'trivy', 'kics'].includes(kind ?? '')) {
    return `- The same check in ${kind}: \`${value}\`.`;
  }
  return null;
}

function examplesSection(rule: RuleDocInput): string[] {
  const samples = rule.samples ?? [];
  if (samples.length === 0) return [];
  const masked = rule.scanner === 'secrets';
  const parts: string[] = ['## Examples'];
  if (masked) parts.push('Credential-like values below are masked so this page does not trip secret scanners.');
  for (const sample of samples) {
    const verdict = sample.expect === 'fail' ? 'Flagged' : 'Not flagged';
    const where = sample.lines && sample.lines.length > 0 ? ` (line ${sample.lines.join(', ')})` : '';
    const file = sample.file ? ` — \`${sample.file}\`` : '';
    const content = masked ? maskTokens(sample.content) : sample.content;
    parts.push(`### ${verdict}: ${sample.name}${where}${file}`, fenced(content, sampleLanguage(rule, sample)));
  }
  return parts;
}

export function ruleToMarkdown(rule: RuleDocInput): string {
  const why = [severityLine(rule), ...rule.tags.map(tagLine).filter((l): l is string => l !== null)];
  const tags = rule.tags.length > 0 ? ` · tags: ${rule.tags.map((t) => `\`${t}\``).join(', ')}` : '';
  const sections = [
    `# ${rule.title}`,
    `<!-- Generated by \`shiftguard rules --format markdown\` from the rule's YAML in rules/${rule.scanner}/; ` +
      'edit that, not this page. -->',
    `Rule \`${rule.id}\` · scanner \`${rule.scanner}\` · severity **${rule.severity}**${tags}`,
    '## What it finds',
    rule.description,
    '## Why it matters',
    why.join('\n'),
    '## How to fix',
    rule.remediation,
    `To accept a finding instead, say why on the line or the line above: \`# shiftguard:ignore ${rule.id} <reason>\`.`,
    ...examplesSection(rule),
    ...(rule.references.length > 0 ? ['## References', referencesMarkdown(rule.references)] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** docs/rules/README.md: every rule by scanner, most severe first, linking to its page. */
export function rulesIndexMarkdown(rules: readonly RuleMeta[]): string {
  const sections = [
    '# shiftguard rules',
    `${rules.length} rules. Each page is generated from the rule's YAML under \`rules/\`.`,
  ];
  for (const scanner of SCANNER_IDS) {
    const own = rules
      .filter((r) => r.scanner === scanner)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
    if (own.length === 0) continue;
    const rows = own.map(
      (r) => `| [\`${r.id}\`](${encodeURIComponent(r.id)}.md) | ${cell(r.title)} | ${r.severity} | ${cell(r.tags.join(', '))} |`,
    );
    const table = ['| Rule | Title | Severity | Tags |', '| --- | --- | --- | --- |', ...rows];
    sections.push(`## ${SCANNER_TITLES[scanner]}`, table.join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}
