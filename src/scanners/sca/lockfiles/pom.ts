// pom.xml: the versions a project declares. `${property}` placeholders resolve from <properties> and project
// fields; a version range resolves to its lower bound; what stays unresolved is ''. Line = the <dependency>
// tag. parsePomXml reads one file; pom-parents.ts adds the local parent chain (properties, managed versions
// and inherited dependencies) through the repository's FileTree. Remote parents and BOM imports need the
// network and are not resolved.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LockfileParseResult, Package } from '../types.js';
import { lineLocator, reasonOf } from './text.js';

type XmlNode = Record<string | symbol, unknown>;
// Typed as the `Symbol` interface upstream; it is a unique symbol at run time.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export interface PomDependency {
  groupId: string;
  artifactId: string;
  version?: string;
  scope?: string;
  line: number;
}

/** One pom.xml as written (placeholders not yet resolved). */
export interface PomModel {
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: { groupId?: string; artifactId?: string; version?: string; relativePath?: string; line: number };
  properties: Map<string, string>;
  managed: PomDependency[];
  dependencies: PomDependency[];
}

function node(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
}
function list(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : [value]).map(node).filter((n): n is XmlNode => n !== undefined);
}
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  const n = node(value);
  return typeof n?.['#text'] === 'string' ? n['#text'].trim() : undefined;
}

export function readPom(text: string): PomModel | { error: string } {
  if (/<!ENTITY/i.test(text)) return { error: 'pom.xml: DTD entity declarations are not accepted' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { error: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
  let doc: XmlNode;
  try {
    const parser = new XMLParser({ captureMetaData: true, parseTagValue: false, ignoreAttributes: true, processEntities: true });
    doc = parser.parse(text) as XmlNode;
  } catch (err) {
    return { error: `invalid XML: ${reasonOf(err)}` };
  }
  const project = node(doc.project);
  if (!project) return { error: 'pom.xml: no <project> element' };
  const locate = lineLocator(text);
  const lineOf = (n: XmlNode) => locate((n[META] as { startIndex?: number } | undefined)?.startIndex ?? 0);
  const dependency = (dep: XmlNode): PomDependency => ({
    groupId: textOf(dep.groupId) ?? '',
    artifactId: textOf(dep.artifactId) ?? '',
    version: textOf(dep.version),
    scope: textOf(dep.scope),
    line: lineOf(dep),
  });
  const properties = new Map<string, string>();
  for (const [key, value] of Object.entries(node(project.properties) ?? {})) {
    const t = textOf(value);
    if (t !== undefined) properties.set(key, t);
  }
  const parent = node(project.parent);
  return {
    groupId: textOf(project.groupId),
    artifactId: textOf(project.artifactId),
    version: textOf(project.version),
    ...(parent
      ? {
          parent: {
            groupId: textOf(parent.groupId), artifactId: textOf(parent.artifactId), version: textOf(parent.version),
            relativePath: textOf(parent.relativePath), line: lineOf(parent),
          },
        }
      : {}),
    properties,
    managed: list(node(node(project.dependencyManagement)?.dependencies)?.dependency).map(dependency),
    dependencies: list(node(project.dependencies)?.dependency).map(dependency),
  };
}

function interpolate(value: string, props: Map<string, string>): string {
  let out = value;
  // Bounded: properties may refer to properties, but never loop forever.
  for (let round = 0; round < 10 && out.includes('${'); round++) {
    const next = out.replace(/\$\{([^}]+)\}/g, (whole, key: string) => props.get(key) ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** `[1.0,2.0)` -> `1.0`; `1.2.3` stays; an unresolved placeholder -> ''. */
function concreteVersion(version: string): string {
  if (version.includes('${')) return '';
  const range = /^[[(]\s*([^,\])]*)/.exec(version);
  return range ? (range[1] ?? '').trim() : version;
}

/**
 * Packages of `pom` given its ancestors (nearest parent first). The child wins for properties and managed
 * versions; inherited dependencies are reported on the child's <parent> line, where a reviewer sees them come in.
 */
export function resolvePom(pom: PomModel, ancestors: PomModel[] = []): Package[] {
  const chain = [pom, ...ancestors];
  const props = new Map<string, string>();
  for (const model of [...chain].reverse()) for (const [k, v] of model.properties) props.set(k, v);
  const parentRef = pom.parent;
  for (const field of ['groupId', 'artifactId', 'version'] as const) {
    const value = pom[field] ?? (field === 'artifactId' ? undefined : parentRef?.[field]);
    if (value !== undefined) props.set(`project.${field}`, value);
    if (parentRef?.[field] !== undefined) props.set(`project.parent.${field}`, parentRef[field]);
  }
  const keyOf = (dep: PomDependency) => `${interpolate(dep.groupId, props)}:${interpolate(dep.artifactId, props)}`;
  const managed = new Map<string, string>();
  for (const model of chain) {
    for (const dep of model.managed) if (dep.version !== undefined && !managed.has(keyOf(dep))) managed.set(keyOf(dep), dep.version);
  }
  const out: Package[] = [];
  const seen = new Set<string>();
  chain.forEach((model, depth) => {
    for (const dep of model.dependencies) {
      const name = keyOf(dep);
      if (seen.has(name)) continue; // a child's declaration overrides an inherited one
      seen.add(name);
      const declared = dep.version ?? managed.get(name) ?? '';
      const line = depth === 0 ? dep.line : (parentRef?.line ?? dep.line);
      out.push({ name, version: concreteVersion(interpolate(declared, props)), ecosystem: 'Maven', line, direct: true, dev: dep.scope === 'test' });
    }
  });
  return out;
}

export function parsePomXml(text: string): LockfileParseResult {
  const pom = readPom(text);
  return 'error' in pom ? { packages: [], error: pom.error } : { packages: resolvePom(pom) };
}
