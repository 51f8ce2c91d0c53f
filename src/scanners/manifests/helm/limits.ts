// Bounds on one rendering: templates are PR content and may loop, recurse or grow without end.

export interface RenderLimits {
  /** Evaluation steps (nodes, calls, emitted YAML lines) per rendered file. */
  maxSteps: number;
  /** Characters of output per rendered file. */
  maxOutput: number;
  /** Nesting of include/template/tpl calls. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: RenderLimits = { maxSteps: 1_000_000, maxOutput: 4_000_000, maxDepth: 100 };
