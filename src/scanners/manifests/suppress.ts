import type { RuleMeta, Suppression } from '../../model.js';
import { annotationsOf } from './resource.js';

// Annotation suppressions, ours and our peers' so teams can migrate without touching manifests:
//   shiftguard.io/ignore-<rule-id>: reason               (whole object)
//   shiftguard.io/ignore-<rule-id>.<container>: reason   (one container)
//   checkov.io/skip<N>: CKV_K8S_<n>[=reason]             (Checkov, via the rule's checkov: tags)
//   ignore-check.kube-linter.io/<check>: reason          (kube-linter, via the rule's kube-linter: tags)

const OURS = 'shiftguard.io/ignore-';
const CHECKOV = /^checkov\.io\/skip\d+$/;
const KUBE_LINTER = 'ignore-check.kube-linter.io/';

function peerIds(rule: RuleMeta, prefix: string): Set<string> {
  return new Set(rule.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length)));
}

function reasonOr(value: string, fallback: string): string {
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : fallback;
}

/** Annotations of the object and of its pod template that look like suppressions (usually none). */
export function suppressionAnnotations(metadatas: unknown[]): Array<[string, string]> {
  return metadatas.flatMap((m) =>
    Object.entries(annotationsOf(m)).filter(([key]) => key.startsWith(OURS) || CHECKOV.test(key) || key.startsWith(KUBE_LINTER)),
  );
}

/** The first suppression annotation that applies to `rule` (and `container`), or null. */
export function annotationSuppression(annotations: Array<[string, string]>, rule: RuleMeta, container: string | undefined): Suppression | null {
  if (annotations.length === 0) return null;
  const checkovIds = peerIds(rule, 'checkov:');
  const kubeLinterIds = peerIds(rule, 'kube-linter:');
  for (const [key, value] of annotations) {
    if (key === `${OURS}${rule.id}` || (container !== undefined && key === `${OURS}${rule.id}.${container}`)) {
      return { kind: 'annotation', reason: reasonOr(value, `${key} annotation`) };
    }
    if (CHECKOV.test(key)) {
      const [id, ...rest] = value.split('=');
      if (id && checkovIds.has(id.trim())) return { kind: 'annotation', reason: reasonOr(rest.join('='), `${key}: ${id.trim()}`) };
    }
    if (key.startsWith(KUBE_LINTER) && kubeLinterIds.has(key.slice(KUBE_LINTER.length))) {
      return { kind: 'annotation', reason: reasonOr(value, key) };
    }
  }
  return null;
}
