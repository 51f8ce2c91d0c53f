import type { Scanner } from '../../model.js';
import { builtinManifestRules } from './rules.js';
import { checkObjects, parseTargets } from './scan.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Kubernetes manifests (YAML/JSON): Pod Security Standards and the wider Kubernetes checks in rules/manifests/. */
export const manifestsScanner: Scanner = {
  id: 'manifests',
  rules: () => builtinManifestRules().compiled.map((r) => r.meta),
  accepts: (path) => MANIFEST_FILE.test(path),
  async scan(input) {
    const { compiled } = builtinManifestRules();
    const { objects, errors } = parseTargets(input.targets);
    return { findings: checkObjects(objects, compiled), errors, stats: { objects: objects.length } };
  },
};
