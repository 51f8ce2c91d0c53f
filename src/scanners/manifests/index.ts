import type { ScanError, Scanner } from '../../model.js';
import { loadBackground } from './background.js';
import { manifestsConfigSchema } from './config.js';
import { dockerfileRules, isDockerfilePath, scanDockerfiles } from './dockerfile/index.js';
import { backgroundKinds } from './engine/run.js';
import { customRulesFor } from '../../rules/custom-service.js';
import { renderChangedCharts } from './helm/index.js';
import { buildChangedKustomizations } from './kustomize/index.js';
import { builtinManifestRules, compileRules } from './rules.js';
import { finishScan, scanTargets } from './scan.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Helm template files that are not YAML: they matter only as part of a chart. */
const CHART_ONLY_FILE = /(\.tpl|(^|\/)templates\/NOTES\.txt)$/i;

/**
 * Kubernetes manifests (plain YAML/JSON, Helm charts rendered in TypeScript, Kustomize overlays built
 * in TypeScript) checked by the rules in rules/manifests/, plus Dockerfiles.
 */
export const manifestsScanner: Scanner = {
  id: 'manifests',
  rules: () => [...builtinManifestRules().compiled.map((r) => r.meta), ...dockerfileRules()],
  accepts: (path) => MANIFEST_FILE.test(path) || CHART_ONLY_FILE.test(path) || isDockerfilePath(path),
  async scan(input) {
    const config = manifestsConfigSchema.parse(input.config ?? {});
    // The repository's own rules (.shiftguard/rules), validated by the entry point, run beside the built-in ones.
    const custom = compileRules(customRulesFor(input.services, 'manifests')).compiled;
    const compiled = custom.length ? [...builtinManifestRules().compiled, ...custom] : builtinManifestRules().compiled;
    const yamlTargets = input.targets.filter((t) => !isDockerfilePath(t.path));
    const kustomize = await buildChangedKustomizations(yamlTargets, input.tree);
    const helm = await renderChangedCharts(yamlTargets, input.tree, { valuesFiles: config.helm.valuesFiles }, kustomize.charts);
    const plain = yamlTargets.filter((t) => !helm.consumed.has(t.path) && !kustomize.consumed.has(t.path) && !CHART_ONLY_FILE.test(t.path));
    const { findings, errors, contexts, objects, workloads } = scanTargets(plain, compiled, { extra: [...helm.objects, ...kustomize.objects] });
    // Only workloads make set-level context (NetworkPolicies elsewhere in the repository) worth reading.
    const background = workloads > 0
      ? await loadBackground(input.tree, backgroundKinds(compiled), new Set(input.targets.map((t) => t.path)))
      : [];
    const docker = scanDockerfiles(input.targets.filter((t) => isDockerfilePath(t.path)));
    const allErrors: ScanError[] = [...helm.errors, ...kustomize.errors, ...errors, ...docker.errors];
    return {
      // finishScan keeps once what two routes (a file and a chart/overlay using it) reached alike.
      findings: [...finishScan(findings, contexts, compiled, background), ...docker.findings],
      errors: allErrors,
      stats: { objects, helmObjects: helm.objects.length, kustomizeObjects: kustomize.objects.length },
      ...(custom.length ? { rules: custom.map((r) => r.meta) } : {}),
    };
  },
};
