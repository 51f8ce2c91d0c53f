// The local parent chain of a pom.xml, read through the repository's FileTree: <relativePath> (default
// ../pom.xml, a directory meaning its pom.xml), kept inside the repository, and accepted only when the file's
// coordinates are the ones the <parent> element names, as Maven checks before using a local parent.
import type { FileTree } from '../../../model.js';
import { resolveIncludePath } from './includes.js';
import { readPom, type PomModel } from './pom.js';

const MAX_PARENTS = 8;

function parentPath(fromPath: string, relativePath: string | undefined): string | null {
  const rel = relativePath === undefined || relativePath === '' ? '../pom.xml' : relativePath;
  return resolveIncludePath(fromPath, rel.endsWith('.xml') ? rel : `${rel.replace(/\/+$/, '')}/pom.xml`);
}

/** Ancestors of `pom` (nearest first) that exist in the tree; the chain stops at the first it cannot use. */
export async function localPomAncestors(path: string, pom: PomModel, tree: FileTree): Promise<PomModel[]> {
  const out: PomModel[] = [];
  const seen = new Set([path]);
  let current = { path, pom };
  while (current.pom.parent && out.length < MAX_PARENTS) {
    const ref = current.pom.parent;
    const target = parentPath(current.path, ref.relativePath);
    if (target === null || seen.has(target)) break;
    seen.add(target);
    const bytes = await tree.read(target);
    if (bytes === null) break;
    const parent = readPom(new TextDecoder().decode(bytes));
    if ('error' in parent) break;
    const groupId = parent.groupId ?? parent.parent?.groupId;
    if ((ref.artifactId !== undefined && parent.artifactId !== ref.artifactId) || (ref.groupId !== undefined && groupId !== ref.groupId)) break;
    out.push(parent);
    current = { path: target, pom: parent };
  }
  return out;
}
