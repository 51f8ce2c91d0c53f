// CycloneDX 1.5 JSON SBOM of the packages `shiftguard deps` found: one component per purl and install place,
// each lockfile that lists it as an occurrence. CycloneDX 1.5 occurrences hold only a location (the line field
// came in 1.6), so the lockfile line travels in a `shiftguard:location` property as `path:line`.
// npm and bun install one name@version once per node_modules folder that needs it: a nested copy
// (node_modules/a/node_modules/b) is its own component, with its own bom-ref, so an SBOM consumer sees both
// copies (and both get patched). The top-level copy keeps the bare purl as bom-ref, as a lone copy has.
import { installIdentity } from '../scanners/sca/install-identity.js';
import type { Ecosystem } from '../scanners/sca/types.js';
import { purlOf } from '../scanners/sca/purl.js';

export interface SbomPackage {
  path: string;
  line: number;
  ecosystem: Ecosystem;
  name: string;
  version: string;
  direct: boolean | null;
  dev: boolean | null;
  /** Where this copy is installed (npm package-lock v1-v3, bun): tells two copies of one name@version apart. */
  installPath?: string;
  license?: string;
  /** Resolved outside the registry (git, local, url): advisories are not matched against it. */
  origin?: 'git' | 'local' | 'url';
}

export interface CycloneDxOptions {
  toolVersion: string;
  /** urn:uuid:...; random when absent. */
  serialNumber?: string;
  now?: Date;
}

interface Property {
  name: string;
  value: string;
}

interface Component {
  type: 'library';
  'bom-ref': string;
  name: string;
  group?: string;
  version?: string;
  purl: string;
  licenses?: Array<{ expression: string }>;
  scope?: 'required' | 'optional';
  evidence: { occurrences: Array<{ location: string }> };
  properties: Property[];
}

/** CycloneDX's `group` for ecosystems whose names carry one (npm scope, Maven groupId, composer vendor). */
function groupAndName(pkg: SbomPackage): { group?: string; name: string } {
  const separator = pkg.ecosystem === 'Maven' ? ':' : pkg.ecosystem === 'npm' || pkg.ecosystem === 'Packagist' ? '/' : '';
  const at = separator ? pkg.name.lastIndexOf(separator) : -1;
  return at > 0 ? { group: pkg.name.slice(0, at), name: pkg.name.slice(at + 1) } : { name: pkg.name };
}

export function buildCycloneDx(packages: SbomPackage[], options: CycloneDxOptions): Record<string, unknown> {
  const components = new Map<string, Component>();
  for (const pkg of packages) {
    const purl = purlOf(pkg);
    const place = installIdentity(pkg);
    const ref = place ? `${purl}|${place}` : purl;
    let component = components.get(ref);
    if (!component) {
      component = {
        type: 'library',
        'bom-ref': ref,
        ...groupAndName(pkg),
        ...(pkg.version ? { version: pkg.version } : {}),
        purl,
        ...(pkg.license ? { licenses: [{ expression: pkg.license }] } : {}),
        evidence: { occurrences: [] },
        properties: [{ name: 'shiftguard:ecosystem', value: pkg.ecosystem }],
      };
      components.set(ref, component);
    }
    const installed = pkg.installPath;
    if (installed !== undefined && !component.properties.some((p) => p.name === 'shiftguard:installPath' && p.value === installed)) {
      component.properties.push({ name: 'shiftguard:installPath', value: installed });
    }
    if (!component.evidence.occurrences.some((o) => o.location === pkg.path)) {
      component.evidence.occurrences.push({ location: pkg.path });
    }
    component.properties.push({ name: 'shiftguard:location', value: `${pkg.path}:${pkg.line}` });
    // Development-only in every lockfile that lists it -> optional at run time.
    if (pkg.dev !== null) component.scope = pkg.dev && component.scope !== 'required' ? 'optional' : 'required';
    if (pkg.direct) component.properties.push({ name: 'shiftguard:direct', value: pkg.path });
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: options.serialNumber ?? `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.now ?? new Date()).toISOString(),
      tools: { components: [{ type: 'application', name: 'shiftguard', version: options.toolVersion }] },
    },
    components: [...components.values()],
  };
}
