// Remote bases and components (URLs, git references) are never fetched: a scan reads only the
// repository, and a pull request must not make the scanner reach the network. What they would add is
// therefore unscanned, which is an error entry (the action fails closed on errors unless
// fail-on-error is false); the rest of the overlay is still built and scanned.
import type { ScanError } from '../../../model.js';
import type { SourcePos } from '../types.js';

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|file:\/\/|(github|gitlab|bitbucket)\.(com|org)\/)/i;

export function isRemote(entry: string): boolean {
  return REMOTE.test(entry) || /[?&](ref|version|submodules|timeout)=/.test(entry) || /^[\w.-]+\.[a-z]{2,}\/[\w.-]+\/[\w.-]+.*\.git\b/i.test(entry);
}

export function remoteError(kfile: string, at: SourcePos, url: string, what: 'resource' | 'component' | 'transformer' | 'patch'): ScanError {
  return {
    path: kfile,
    reason: `line ${at.line}: remote ${what} ${JSON.stringify(url)} is not fetched by design (scans never download what a pull request names); its objects are not scanned, the rest of the kustomization is`,
    scanner: 'manifests',
  };
}
