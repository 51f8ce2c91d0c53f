import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';

// GitHub's own OpenAPI description (@octokit/openapi): request bodies the fake accepts are bodies GitHub accepts.
type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> } };
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
}

let loaded: { spec: Spec; ajv: InstanceType<typeof AjvModule.default>; routes: Array<{ template: string; regex: RegExp }> } | null = null;
const compiled = new Map<string, ValidateFunction | null>();

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  const Ajv = AjvModule.default;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, validateSchema: false });
  ajv.addSchema({ $id: 'gh', components: spec.components }, 'gh');
  const routes = Object.keys(spec.paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{path\}/g, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  // Literal paths first so /pulls/comments never matches /pulls/{pull_number}.
  routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  loaded = { spec, ajv, routes };
  return loaded;
}

/** The OpenAPI path template of a request path, or null when GitHub has no such endpoint for the method. */
export function findOperation(method: string, path: string): string | null {
  const { spec, routes } = load();
  const m = method.toLowerCase();
  return routes.find((r) => r.regex.test(path) && spec.paths[r.template]?.[m])?.template ?? null;
}

/** Validates a JSON request body against the operation's requestBody schema; returns error strings (empty = valid). */
export function validateBody(method: string, template: string, body: unknown): string[] {
  const { spec, ajv } = load();
  const key = `${method} ${template}`;
  if (!compiled.has(key)) {
    const schema = spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    compiled.set(key, schema ? ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"gh#/components')) as object) : null);
  }
  const validate = compiled.get(key);
  if (!validate) return [];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
