// configMapGenerator and secretGenerator: literals, env files and files become ConfigMaps/Secrets
// located at the kustomization line that declared each key. Names get no content-hash suffix, so a
// finding's resource name stays stable while the data changes.
import { posix } from 'node:path';
import type { SourcePos } from '../types.js';
import { readFile, resolveInside, type BuildContext } from './build.js';
import { isObj, type Obj, type Resource } from './resource.js';

function parseEnv(text: string): [string, string][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const eq = l.indexOf('=');
      return eq < 0 ? [l, ''] : [l.slice(0, eq), l.slice(eq + 1)];
    });
}

export async function generate(ctx: BuildContext, dir: string, kfile: string, k: Obj, existing: Resource[]): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    const list = k[field];
    if (!Array.isArray(list)) continue;
    for (const [i, gen] of list.entries()) {
      if (!isObj(gen) || typeof gen.name !== 'string') continue;
      const genAt: SourcePos = ctx.origins.get(list, i) ?? { path: kfile, line: 1, column: 1 };
      const data: Obj = {};
      const put = (key: string, value: string, at: SourcePos): void => {
        data[key] = kind === 'Secret' ? Buffer.from(value, 'utf8').toString('base64') : value;
        ctx.origins.set(data, key, at);
      };
      const literals = Array.isArray(gen.literals) ? gen.literals : [];
      literals.forEach((lit, j) => {
        if (typeof lit !== 'string') return;
        const eq = lit.indexOf('=');
        put(eq < 0 ? lit : lit.slice(0, eq), eq < 0 ? '' : lit.slice(eq + 1), ctx.origins.get(literals, j) ?? genAt);
      });
      for (const [listName, asEnv] of [['envs', true], ['env', true], ['files', false]] as const) {
        const entries = typeof gen[listName] === 'string' ? [gen[listName]] : Array.isArray(gen[listName]) ? (gen[listName] as unknown[]) : [];
        for (const [j, entry] of entries.entries()) {
          if (typeof entry !== 'string') continue;
          const eq = asEnv ? -1 : entry.indexOf('=');
          const key = eq < 0 ? posix.basename(entry) : entry.slice(0, eq);
          const path = resolveInside(ctx, dir, eq < 0 ? entry : entry.slice(eq + 1), kfile);
          if (path === null) continue;
          const text = await readFile(ctx, path);
          const at = (Array.isArray(gen[listName]) ? ctx.origins.get(gen[listName] as unknown[], j) : ctx.origins.get(gen, listName)) ?? genAt;
          if (text === null) {
            ctx.errors.push({ path: kfile, reason: `${field}: file ${JSON.stringify(entry)} not found`, scanner: 'manifests' });
            continue;
          }
          if (asEnv) for (const [k2, v] of parseEnv(text)) put(k2, v, at);
          else put(key, text, at);
        }
      }
      const behavior = typeof gen.behavior === 'string' ? gen.behavior : 'create';
      const target = existing.find((r) => r.value.kind === kind && isObj(r.value.metadata) && r.value.metadata.name === gen.name);
      if (target && behavior !== 'create') {
        const current = isObj(target.value.data) && behavior === 'merge' ? target.value.data : {};
        for (const [key, v] of Object.entries(data)) {
          current[key] = v;
          ctx.origins.set(current, key, ctx.origins.get(data, key) ?? genAt);
        }
        target.value.data = current;
        continue;
      }
      const value: Obj = { apiVersion: 'v1', kind, metadata: { name: gen.name }, data };
      if (kind === 'Secret') value.type = typeof gen.type === 'string' ? gen.type : 'Opaque';
      for (const key of Object.keys(value)) ctx.origins.set(value, key, genAt);
      ctx.origins.set(value.metadata as Obj, 'name', ctx.origins.get(gen, 'name') ?? genAt);
      out.push({ value, file: kfile, origin: genAt, originalName: gen.name });
    }
  }
  return out;
}
