import type { z } from 'zod';
import type { ManifestObject, NodePath } from '../types.js';

export type Renderer = NonNullable<ManifestObject['renderedBy']>;
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
  /** Suppression annotations on the object and its pod template, gathered once. */
  suppressions: Array<[string, string]>;
}

/** Checks that look at the objects of a scan together (e.g. a namespace and its NetworkPolicies). */
export interface SetContext {
  /**
   * Objects of the scan: findings may be reported on these. Objects read from plain files arrive as
   * summaries (apiVersion, kind and metadata; pod specs by path, metadata and container names, without
   * their contents): holding every full object until the set rules ran cost more than the checks.
   */
  objects: CheckContext[];
  /** Other objects of the repository of the kinds the template asked for; context only, never reported on. */
  background: CheckContext[];
}

export interface SetViolation {
  ctx: CheckContext;
  violation: Violation;
}

/** A check implemented in code, parameterised from rule files (kube-linter's "templates"). */
export type Template<P = unknown> = {
  id: string;
  description: string;
  params: z.ZodType<P, unknown>;
  /**
   * A cheap test shared by every rule of the template, run once per object: false skips them all
   * (e.g. dozens of control-plane flag rules on an object that runs no control-plane component).
   */
  applies?(ctx: CheckContext): boolean;
} & (
  | { run(ctx: CheckContext, params: P): Violation[]; runSet?: never }
  | {
      /** Kinds worth loading from the rest of the repository as background. */
      backgroundKinds: string[];
      runSet(set: SetContext, params: P): SetViolation[];
      /**
       * Made once per scan: which objects read from files the rule needs to see, in scan order. The
       * rule must decide the same with only these as with all of them; the others are not kept until
       * the end of the scan. Without it, every object is kept.
       */
      keeper?(params: P): (ctx: CheckContext) => boolean;
      run?: never;
    }
);

/** What the engine runs for a rule: validated once, applied to every object (or to the whole set). */
export type CompiledCheck = {
  /** Kinds the rule applies to; null = every kind (templates and scopes still decide what they look at). */
  kinds: ReadonlySet<string> | null;
  /** The template's shared per-object test, keyed by template id so it runs once per object. */
  gate?: { id: string; applies(ctx: CheckContext): boolean };
  /** Objects produced by these builders are not checked (skipRenderedBySchema); null = every object. */
  skipRenderedBy: ReadonlySet<Renderer> | null;
} & (
  | { run(ctx: CheckContext): Violation[] }
  | { backgroundKinds: string[]; runSet(set: SetContext): SetViolation[]; keeper?: () => (ctx: CheckContext) => boolean }
);

/** Loosely typed template entry for the registry (params are validated before running). */
export type AnyTemplate = Template<never>;
