// pom.xml: the versions a project declares (no parent or BOM resolution: that needs other files and the
// network). `${property}` placeholders resolve from the file's own <properties> and project fields; a
// version range resolves to its lower bound; what stays unresolved is ''. Line = the <dependency> tag.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LockfileParseResult, Package } from '../types.js';
import { lineLocator, reasonOf } from './text.js';

type XmlNode = Record<string | symbol, unknown>;
// Typed as the `Symbol` interface upstream; it is a unique symbol at run time.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

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

export function parsePomXml(text: string): LockfileParseResult {
  if (/<!ENTITY/i.test(text)) return { packages: [], error: 'pom.xml: DTD entity declarations are not accepted' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { packages: [], error: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
  let doc: XmlNode;
  try {
    const parser = new XMLParser({ captureMetaData: true, parseTagValue: false, ignoreAttributes: true, processEntities: true });
    doc = parser.parse(text) as XmlNode;
  } catch (err) {
    return { packages: [], error: `invalid XML: ${reasonOf(err)}` };
  }
  const project = node(doc.project);
  if (!project) return { packages: [], error: 'pom.xml: no <project> element' };
  const locate = lineLocator(text);
  const props = new Map<string, string>();
  const parent = node(project.parent);
  for (const field of ['groupId', 'artifactId', 'version']) {
    const value = textOf(project[field]) ?? textOf(parent?.[field]);
    if (value !== undefined) props.set(`project.${field}`, value);
    const parentValue = textOf(parent?.[field]);
    if (parentValue !== undefined) props.set(`project.parent.${field}`, parentValue);
  }
  for (const [key, value] of Object.entries(node(project.properties) ?? {})) {
    const t = textOf(value);
    if (t !== undefined) props.set(key, t);
  }
  const managed = new Map<string, string>();
  for (const dep of list(node(node(project.dependencyManagement)?.dependencies)?.dependency)) {
    const key = `${interpolate(textOf(dep.groupId) ?? '', props)}:${interpolate(textOf(dep.artifactId) ?? '', props)}`;
    const version = textOf(dep.version);
    if (version !== undefined && !managed.has(key)) managed.set(key, version);
  }
  const out: Package[] = [];
  for (const dep of list(node(project.dependencies)?.dependency)) {
    const name = `${interpolate(textOf(dep.groupId) ?? '', props)}:${interpolate(textOf(dep.artifactId) ?? '', props)}`;
    const declared = textOf(dep.version) ?? managed.get(name) ?? '';
    const meta = dep[META] as { startIndex?: number } | undefined;
    const scope = textOf(dep.scope);
    const pkg: Package = { name, version: concreteVersion(interpolate(declared, props)), ecosystem: 'Maven', line: locate(meta?.startIndex ?? 0), direct: true };
    pkg.dev = scope === 'test';
    out.push(pkg);
  }
  return { packages: out };
}
