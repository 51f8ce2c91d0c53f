import { maskTokens, ruleDocPath, ruleToMarkdown, rulesIndexMarkdown, type RuleDocInput } from '../../src/report/rule-docs.js';
import { ruleDocsUrl } from '../../src/report/rule-help.js';
import { rules, SECRET_VALUE } from './fixtures/report.js';

const privileged: RuleDocInput = {
  ...rules[0]!,
  samples: [
    {
      name: 'privileged container',
      expect: 'fail',
      file: 'deploy.yaml',
      content: 'spec:\n  containers:\n    - name: web\n      securityContext:\n        privileged: true\n',
      lines: [5],
    },
    { name: 'unprivileged container', expect: 'pass', content: 'spec:\n  containers:\n    - name: web\n' },
  ],
};

test('a rule page says what, why, how to fix, shows its samples and lists references', () => {
  const page = ruleToMarkdown(privileged);
  const headings = page.split('\n').filter((l) => l.startsWith('#'));
  expect(headings).toEqual([
    '# Container runs privileged',
    '## What it finds',
    '## Why it matters',
    '## How to fix',
    '## Examples',
    '### Flagged: privileged container (line 5) — `deploy.yaml`',
    '### Not flagged: unprivileged container',
    '## References',
  ]);
  expect(page).toContain('Severity **critical** (GitHub security severity 9.5): a new finding fails the check at the default threshold');
  expect(page).toContain('Pod Security Standards **baseline** profile');
  expect(page).toContain('[CWE-250](https://cwe.mitre.org/data/definitions/250.html)');
  expect(page).toContain('The same check in checkov: `CKV_K8S_16`');
  expect(page).toContain('```yaml\nspec:\n  containers:\n    - name: web\n      securityContext:\n        privileged: true\n```');
  expect(page).toContain('`# shiftguard:ignore pss-privileged <reason>`');
  expect(page).toContain('- <https://kubernetes.io/docs/concepts/security/pod-security-standards/>\n- `CKV_K8S_16`');
  expect(page.endsWith('\n')).toBe(true);
});

test('a low-severity rule says which fail-on makes it fail; a rule without samples or references has no such sections', () => {
  const page = ruleToMarkdown({ ...rules[4]!, severity: 'low', references: [] });
  expect(page).toContain('fails the check only when `fail-on` is `low` or lower');
  expect(page).not.toContain('## Examples');
  expect(page).not.toContain('## References');
});

test('secrets samples are masked so the docs do not leak or trip secret scanning', () => {
  const page = ruleToMarkdown({
    ...rules[2]!,
    samples: [{ name: 'token in .env', expect: 'fail', file: '.env', content: `GITHUB_TOKEN=${SECRET_VALUE}\n` }],
  });
  expect(page).not.toContain(SECRET_VALUE);
  expect(page).toContain('GITHUB_TOKEN=ghp_************');
  expect(page).toContain('```dotenv');
  // Plain words, short values and low-entropy placeholders stay readable; provider prefixes stay visible.
  expect(maskTokens('name: configuration-management-tool port: 8080')).toBe('name: configuration-management-tool port: 8080');
  const placeholder = `sk-ant-admin01-${'x'.repeat(80)}AA`;
  expect(maskTokens(placeholder)).toBe(placeholder);
  expect(maskTokens('sk-ant-admin01-zB1GoeyIurXq6I5wdv3vPdfpXgIlu7t6T-ZmABBuX30o4IXUdWN')).toBe('sk-ant-admin01-************');
  expect(maskTokens('AKIA3J7Q2XBZ9RT4WLMN')).toBe('AKIA************');
  expect(maskTokens('password = "Tr0ub4dorXukl4n"')).toBe('password = "Tr0************"'); // shiftguard:ignore generic-password fake value the masking test needs
  expect(maskTokens('id: 937502998269462240')).toBe('id: 9375************');
  expect(maskTokens('apiVersion: v1\nkey: process.env.ANTHROPIC_ADMIN_API_KEY')).toBe('apiVersion: v1\nkey: process.env.ANTHROPIC_ADMIN_API_KEY');
});

test('sample content containing a code fence keeps its fence intact', () => {
  const page = ruleToMarkdown({ ...privileged, samples: [{ name: 'fence', expect: 'pass', content: 'a: |\n  ```\n  x\n  ```\n' }] });
  expect(page).toContain('````yaml\na: |\n  ```\n  x\n  ```\n````');
});

test('the index lists rules by scanner, most severe first, linking to their pages', () => {
  const index = rulesIndexMarkdown(rules);
  const sections = index.split('\n').filter((l) => l.startsWith('## '));
  expect(sections).toEqual(['## Secrets', '## Dependencies (SCA)', '## Manifests (Kubernetes, Helm, Kustomize, Dockerfile)']);
  const manifestRows = index.split('\n').filter((l) => l.startsWith('| [`') && /pss-|dockerfile-/.test(l));
  expect(manifestRows.map((l) => /\[`([^`]+)`\]/.exec(l)?.[1])).toEqual(['pss-privileged', 'pss-run-as-non-root', 'dockerfile-latest-tag']);
  expect(index).toContain('| [`pss-privileged`](pss-privileged.md) | Container runs privileged | critical |');
});

test('the SARIF help link and the docs path name the same page', () => {
  expect(ruleDocsUrl('pss-privileged').endsWith(`/${ruleDocPath('pss-privileged')}`)).toBe(true);
});
