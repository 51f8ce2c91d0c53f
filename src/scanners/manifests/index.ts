import type { Scanner } from '../../model.js';
import { loadBackground } from './background.js';
import { backgroundKinds } from './engine/run.js';
import { builtinManifestRules } from './rules.js';
import { finishScan, scanTargets } from './scan.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Kubernetes manifests (YAML/JSON): Pod Security Standards and the wider Kubernetes checks in rules/manifests/. */
export const manifestsScanner: Scanner = {
  id: 'manifests',
  rules: () => builtinManifestRules().compiled.map((r) => r.meta),
  accepts: (path) => MANIFEST_FILE.test(path),
  async scan(input) {
    const { compiled } = builtinManifestRules();
    const { findings, errors, contexts } = scanTargets(input.targets, compiled);
    // Only workloads make set-level context (NetworkPolicies elsewhere in the repository) worth reading.
    const needsBackground = contexts.some((ctx) => ctx.podSpecs.length > 0);
    const background = needsBackground
      ? await loadBackground(input.tree, backgroundKinds(compiled), new Set(input.targets.map((t) => t.path)))
      : [];
    return { findings: finishScan(findings, contexts, compiled, background), errors, stats: { objects: contexts.length } };
  },
};
