import type { ChangedFile, RawFinding } from '../model.js';

/**
 * Decides which head findings are new. With no base everything is new. Otherwise a finding is new
 * when the base version of its file did not yield its fingerprint — counted as a multiset, so a
 * copied violation is new even though its twin existed. Within one fingerprint, findings off the
 * added lines are matched to the base first, so the copy on an added line is the one called new.
 * A modified file whose base could not be scanned has no entry in `baseFingerprints`: its findings
 * are new (fail closed). A finding in a file the change does not touch is existing.
 */
export function markNew(
  findings: RawFinding[],
  files: ReadonlyMap<string, ChangedFile>,
  baseFingerprints: ReadonlyMap<string, readonly string[]> | null,
): boolean[] {
  const result = findings.map(() => true);
  if (baseFingerprints === null) return result;
  const remaining = new Map<string, Map<string, number>>();
  for (const [path, prints] of baseFingerprints) {
    const counts = new Map<string, number>();
    for (const print of prints) counts.set(print, (counts.get(print) ?? 0) + 1);
    remaining.set(path, counts);
  }
  const onAddedLine = (f: RawFinding): boolean => files.get(f.path)?.addedLines?.has(f.startLine) ?? true;
  const order = findings.map((_, i) => i).sort((a, b) => Number(onAddedLine(findings[a]!)) - Number(onAddedLine(findings[b]!)));
  for (const index of order) {
    const finding = findings[index]!;
    const file = files.get(finding.path);
    if (file === undefined) {
      result[index] = false;
      continue;
    }
    if (file.status === 'added') continue;
    const counts = remaining.get(finding.path);
    const left = counts?.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      counts!.set(finding.fingerprint, left - 1);
      result[index] = false;
    }
  }
  return result;
}

/** Whether a review comment can sit on the finding's first line. */
export function isInDiff(finding: RawFinding, files: ReadonlyMap<string, ChangedFile>, hasBase: boolean): boolean {
  const file = files.get(finding.path);
  if (file === undefined) return !hasBase;
  return file.diffLines === null || file.diffLines.has(finding.startLine);
}
