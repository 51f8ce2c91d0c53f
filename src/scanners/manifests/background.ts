import type { FileTree } from '../../model.js';
import type { ManifestObject } from './types.js';
import { parseManifests } from './yaml/parse.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const MAX_BACKGROUND_BYTES = 1024 * 1024;

/**
 * Objects of the given kinds from repository files outside the scan, for set-level rules (a
 * NetworkPolicy in an unchanged file still protects its namespace). A cheap text test on the kind
 * name skips files before parsing; files that fail to parse are simply not context.
 */
export async function loadBackground(tree: FileTree, kinds: ReadonlySet<string>, scanned: ReadonlySet<string>): Promise<ManifestObject[]> {
  if (kinds.size === 0) return [];
  const objects: ManifestObject[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const path of await tree.list('')) {
    if (!MANIFEST_FILE.test(path) || scanned.has(path)) continue;
    const bytes = await tree.read(path);
    if (!bytes || bytes.length > MAX_BACKGROUND_BYTES) continue;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      continue;
    }
    if (![...kinds].some((kind) => text.includes(kind))) continue;
    objects.push(...parseManifests(path, text).objects.filter((o) => kinds.has(String(o.value.kind))));
  }
  return objects;
}
