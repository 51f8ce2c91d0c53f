// One call for the scanner: objects from the Helm charts and kustomizations a change touches, plus
// which targets those builds consumed (templates, values, kustomization and patch files), so the
// plain YAML pass skips them. Base resource files of kustomizations are not consumed: they are still
// scanned as plain files (the scanner's finding dedupe keeps one of each identical finding).
import type { FileTree, ScanError, ScanTarget } from '../../model.js';
import { renderChangedCharts } from './helm/index.js';
import { buildChangedKustomizations } from './kustomize/index.js';
import type { ManifestObject } from './types.js';

export interface RenderedSources {
  objects: ManifestObject[];
  errors: ScanError[];
  consumed: Set<string>;
}

export async function renderedSources(targets: ScanTarget[], tree: FileTree, options: { helmValuesFiles?: string[] } = {}): Promise<RenderedSources> {
  // kustomizations first: a chart one of them inflates is rendered through it, not on its own
  const kustomize = await buildChangedKustomizations(targets, tree);
  const helm = await renderChangedCharts(targets, tree, { valuesFiles: options.helmValuesFiles ?? [] }, kustomize.charts);
  return {
    objects: [...helm.objects, ...kustomize.objects],
    errors: [...helm.errors, ...kustomize.errors],
    consumed: new Set([...helm.consumed, ...kustomize.consumed]),
  };
}
