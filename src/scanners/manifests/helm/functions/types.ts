// Shapes of template functions. Plain functions see values only (provenance is carried for them by
// the evaluator); tracked functions see and return provenance themselves (toYaml, include, indent).
import type { Origins } from '../../tracked-yaml.js';
import type { SourcePos } from '../../types.js';
import type { Tracked } from '../provenance.js';

export type PlainFn = (...args: unknown[]) => unknown;

export interface CallContext {
  /** Position of the calling action, for errors and as the fallback origin. */
  at: SourcePos;
  origins: Origins;
  /** Renders a named template with `dot` (include). */
  include(name: string, dot: Tracked): Tracked;
  /** Renders a string as a template with `dot` (tpl). */
  tpl(text: Tracked, dot: Tracked): Tracked;
  /** Counts work against the render budget. */
  step(cost: number): void;
}

export type TrackedFn = (args: Tracked[], ctx: CallContext) => Tracked;

/** Raised by functions for template-level failures (required, fail, env...); becomes a per-file error. */
export class FunctionError extends Error {}
