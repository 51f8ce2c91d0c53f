import { BlobTree, type ListedBlob } from './gitTree.js';
import { gitOk, splitNul } from './git.js';

/** Parses `git ls-files --stage -z`: "mode sha stage\tpath"; only stage 0 (merged) entries have one blob. */
function parseStage(out: Buffer): Map<string, ListedBlob> {
  const entries = new Map<string, ListedBlob>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [mode = '', sha = '', stage] = entry.slice(0, tab).split(' ');
    if (stage === '0' && mode !== '160000') entries.set(entry.slice(tab + 1), { sha });
  }
  return entries;
}

/** A FileTree over the git index: what `git commit` would record, whatever the working tree holds; sizes come from `cat-file --batch-check`. */
export class IndexTree extends BlobTree {
  constructor(root: string) {
    super(root, () => gitOk(root, ['ls-files', '--stage', '-z', '--full-name'], 'git ls-files --stage').then(parseStage));
  }
}
