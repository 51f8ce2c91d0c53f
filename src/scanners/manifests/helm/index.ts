// Helm charts rendered by a built-in Go template evaluator, for the manifests scanner.
export { renderChangedCharts, renderChart, type HelmOptions, type HelmResult } from './render.js';
export { DEFAULT_LIMITS, type RenderLimits } from './evaluator.js';
export { helmConfigSchema, type HelmConfig } from './config.js';
