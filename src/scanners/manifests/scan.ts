import type { RawFinding, ScanError, ScanTarget } from '../../model.js';
import { runRules, type CompiledRule } from './engine/run.js';
import type { ManifestObject } from './types.js';
import { parseManifests } from './yaml/parse.js';

/** Plain YAML/JSON files -> objects; each target parsed independently so one bad file never stops the rest. */
export function parseTargets(targets: readonly ScanTarget[]): { objects: ManifestObject[]; errors: ScanError[] } {
  const objects: ManifestObject[] = [];
  const errors: ScanError[] = [];
  for (const target of targets) {
    const parsed = parseManifests(target.path, target.content);
    objects.push(...parsed.objects);
    errors.push(...parsed.errors);
  }
  return { objects, errors };
}

/** Runs the rules over objects; the same finding reached twice (e.g. a file and a chart) is kept once. */
export function checkObjects(
  objects: readonly ManifestObject[],
  rules: readonly CompiledRule[],
  background: readonly ManifestObject[] = [],
): RawFinding[] {
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  for (const finding of runRules(objects, rules, background)) {
    const key = [finding.ruleId, finding.path, finding.startLine, finding.resource ?? ''].join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}
