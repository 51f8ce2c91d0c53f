import type { z } from 'zod';
import type { ManifestObject, NodePath } from '../types.js';
import type { PodSpecRef } from '../podspec.js';

/** One problem a check found in one object, before it becomes a finding. */
export interface Violation {
  /** The offending field; for a missing field, the path it should have (located at its nearest present parent). */
  path: NodePath;
  message: string;
  /** Container name, when the problem belongs to one container (fingerprint and per-container suppressions). */
  container?: string;
  /** A safe replacement value for the scalar at `path`, when the rule knows one. */
  fixValue?: string | number | boolean;
}

export interface CheckContext {
  object: ManifestObject;
  /** "Kind/namespace/name". */
  resource: string;
  kind: string;
  podSpecs: PodSpecRef[];
}

/** A check implemented in code, parameterised from rule files (kube-linter's "templates"). */
export interface Template<P = unknown> {
  id: string;
  description: string;
  params: z.ZodType<P, unknown>;
  run(ctx: CheckContext, params: P): Violation[];
}

/** What the engine runs for a rule: validated once, applied to every object. */
export interface CompiledCheck {
  /** Kinds the rule applies to; null = every kind (templates and scopes still decide what they look at). */
  kinds: ReadonlySet<string> | null;
  run(ctx: CheckContext): Violation[];
}

/** Loosely typed template entry for the registry (params are validated before run). */
export type AnyTemplate = Template<never> & { run(ctx: CheckContext, params: never): Violation[] };
