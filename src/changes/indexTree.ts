import { BlobTree } from './gitTree.js';
import { gitOk, splitNul } from './git.js';

interface Staged {
  mode: string;
  sha: string;
}

/** Parses `git ls-files --stage -z`: "mode sha stage\tpath"; only stage 0 (merged) entries have one blob. */
function parseStage(out: Buffer): Map<string, Staged> {
  const entries = new Map<string, Staged>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [mode = '', sha = '', stage] = entry.slice(0, tab).split(' ');
    if (stage === '0' && mode !== '160000') entries.set(entry.slice(tab + 1), { mode, sha });
  }
  return entries;
}

/** A FileTree over the git index: what `git commit` would record, whatever the working tree holds. */
export class IndexTree extends BlobTree {
  constructor(root: string) {
    super(root, () => gitOk(root, ['ls-files', '--stage', '-z', '--full-name'], 'git ls-files --stage').then(parseStage));
  }
}
