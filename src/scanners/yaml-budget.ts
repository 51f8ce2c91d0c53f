// The `yaml` package spends about a kilobyte of memory and tens of microseconds per node, so a 10 MB
// line of `[a,a,a,...]` (five million nodes) takes minutes and exhausts the heap. Real manifests,
// charts and lockfiles stay far below this budget; a file above it is refused by path, unparsed.

/** Nodes the yaml parser is handed at most per file. */
export const MAX_YAML_NODES = 500_000;

/** An upper bound on the nodes of a YAML text: every node is preceded by a line break or a flow comma. */
export function yamlNodeEstimate(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x0a) count++;
  }
  return count;
}

/** Why the text is too big to parse as YAML, or null when it is within the budget. */
export function yamlOverBudget(text: string): string | null {
  // No text this short can hold the budget's worth of nodes; skip the count.
  if (text.length < MAX_YAML_NODES) return null;
  const nodes = yamlNodeEstimate(text);
  return nodes > MAX_YAML_NODES ? `YAML too large to parse: up to ${nodes} nodes (limit ${MAX_YAML_NODES})` : null;
}
