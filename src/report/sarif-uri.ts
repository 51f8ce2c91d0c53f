// Artifact URIs for SARIF. Code scanning only matches alerts to files through a relative URI that is valid per
// RFC 3986, so spaces and non-ASCII names are percent-encoded (SARIF Multitool rule SARIF1002 rejects raw ones)
// and the repository root travels separately as %SRCROOT%.

import { pathToFileURL } from 'node:url';

export const SRCROOT = '%SRCROOT%';

function encodeSegment(segment: string): string {
  // encodeURIComponent keeps ':' unencoded only in reserved contexts; encoding it here stops a first segment such
  // as "c:" from reading as a URI scheme.
  return encodeURIComponent(segment).replace(/:/g, '%3A');
}

/** A repository-relative path as a relative URI reference: forward slashes, no leading "./" or "/". */
export function relativeArtifactUri(path: string): string {
  const normalized = path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
  return normalized.split('/').map(encodeSegment).join('/');
}

/** The repository root as an absolute file URI ending in '/', as SARIF requires of a uriBaseId (3.14.14). */
export function rootFileUri(root: string): string {
  const href = /^file:\/\//i.test(root) ? root : pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}
