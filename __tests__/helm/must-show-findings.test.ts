// The must-show end to end through the Kubernetes rules: privileged: true set in values.yaml and
// printed by toYaml | nindent into a Deployment is reported on values.yaml's line, with a fix there.
import { renderedSources } from '../../src/scanners/manifests/rendered.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { demoChart, lineOf, values } from './fixtures.js';

test('a change to values.yaml only: the privileged finding lands on values.yaml', async () => {
  const tree = memoryTree(demoChart('charts/demo'));
  const targets = [{ path: 'charts/demo/values.yaml', content: values, addedLines: new Set([lineOf(values, 'privileged: true')]) }];
  const { objects, errors } = await renderedSources(targets, tree);
  expect(errors).toEqual([]);
  const findings = checkObjects(objects, builtinManifestRules().compiled);
  const privileged = findings.filter((f) => f.ruleId === 'pss-privileged');
  expect(privileged).toHaveLength(1);
  expect(privileged[0]).toMatchObject({ path: 'charts/demo/values.yaml', startLine: lineOf(values, 'privileged: true') });
  expect(privileged[0]!.fix?.replacement).toBe('  privileged: false');
  // fields the template wrote stay on the template (the Service's only finding was default-namespace,
  // which does not apply to Helm output: the release namespace is chosen at install time)
  const kinds = new Set(findings.map((f) => f.path));
  expect(kinds).toEqual(new Set(['charts/demo/values.yaml', 'charts/demo/templates/deployment.yaml']));
  expect(findings.some((f) => f.ruleId === 'default-namespace')).toBe(false);
});
