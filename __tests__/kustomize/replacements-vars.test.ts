// replacements (inline and from files) and legacy vars: the copied value is located where it is
// written, so a finding on a replaced field points at the source field or the sourceValue line.
import { buildKustomization } from '../../src/scanners/manifests/kustomize/index.js';
import { parseFieldPath } from '../../src/scanners/manifests/kustomize/field-path.js';
import type { ManifestObject } from '../../src/scanners/manifests/types.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    shop.example.com/owner: team-a
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.0
          command: ["serve", "--db", "$(DB_HOST)"]
          env:
            - name: DB
              value: $(DB_HOST)
            - name: URL
              value: http://$(DB_HOST):5432
        - name: proxy
          image: envoy:1.0
`;
const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  tag: latest\n  image: registry.example.com/web:edge\n  host: db.internal\n';
const base = { 'app/deployment.yaml': deployment, 'app/config.yaml': config };
const web = ['spec', 'template', 'spec', 'containers', 0];

async function build(kustomization: string, extra: Record<string, string> = {}) {
  const result = await buildKustomization(memoryTree({ ...base, ...extra, 'app/kustomization.yaml': kustomization }), 'app');
  const dep = result.objects.find((o) => o.value.kind === 'Deployment') as ManifestObject;
  const get = (path: (string | number)[]) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], dep.value);
  return { ...result, dep, get };
}

describe('replacements', () => {
  test('inline: a source field, split by a delimiter, replaces part of each selected field; located at the source line', async () => {
    const k = `resources: [deployment.yaml, config.yaml]
replacements:
  - source:
      kind: ConfigMap
      name: settings
      fieldPath: data.tag
    targets:
      - select:
          kind: Deployment
        fieldPaths:
          - spec.template.spec.containers.[name=web].image
        options:
          delimiter: ':'
          index: 1
`;
    const { errors, dep, get } = await build(k);
    expect(errors).toEqual([]);
    expect(get([...web, 'image'])).toBe('shop/web:latest');
    expect(dep.locate([...web, 'image'])).toMatchObject({ path: 'app/config.yaml', line: 6 });
    expect(get(['spec', 'template', 'spec', 'containers', 1, 'image'])).toBe('envoy:1.0');
  });

  test('a finding on a replaced field lands on the source line', async () => {
    const k = 'resources: [deployment.yaml, config.yaml]\nreplacements:\n  - source: { kind: ConfigMap, name: settings, fieldPath: data.tag }\n    targets:\n      - select: { kind: Deployment }\n        fieldPaths: [spec.template.spec.containers.0.image]\n        options: { delimiter: ":", index: 1 }\n';
    const { objects } = await build(k);
    const tag = checkObjects(objects, builtinManifestRules().compiled).filter((f) => f.ruleId === 'image-tag-not-fixed');
    expect(tag.map((f) => [f.path, f.startLine])).toEqual([['app/config.yaml', 6]]);
  });

  test('from a file, with sourceValue, wildcard, escaped dots, reject and create', async () => {
    const file = `- sourceValue: team-b
  targets:
    - select: { kind: Deployment }
      fieldPaths: [metadata.annotations.shop\\.example\\.com/owner]
- source: { kind: ConfigMap, name: settings, fieldPath: data.image }
  targets:
    - select: { kind: Deployment }
      fieldPaths: ['spec.template.spec.containers.*.image']
    - select: { kind: Deployment }
      reject: [{ name: web }]
      fieldPaths: [metadata.labels.never]
      options: { create: true }
    - select: { kind: Deployment }
      fieldPaths: [spec.template.spec.securityContext.runAsUser, spec.missing.field]
      options: { create: true }
`;
    const { errors, dep, get, own } = await build('resources: [deployment.yaml, config.yaml]\nreplacements:\n  - path: repl.yaml\n', { 'app/repl.yaml': file });
    expect(errors).toEqual([]);
    expect(own.has('app/repl.yaml')).toBe(true);
    expect(get(['metadata', 'annotations', 'shop.example.com/owner'])).toBe('team-b');
    expect(dep.locate(['metadata', 'annotations', 'shop.example.com/owner'])).toMatchObject({ path: 'app/repl.yaml', line: 1 });
    expect([get([...web, 'image']), get(['spec', 'template', 'spec', 'containers', 1, 'image'])]).toEqual(['registry.example.com/web:edge', 'registry.example.com/web:edge']);
    expect(dep.locate(['spec', 'template', 'spec', 'containers', 1, 'image'])).toMatchObject({ path: 'app/config.yaml', line: 7 });
    expect((dep.value.metadata as Record<string, unknown>).labels).toBeUndefined();
    expect(get(['spec', 'template', 'spec', 'securityContext', 'runAsUser'])).toBe('registry.example.com/web:edge');
  });

  test('a source matching no resource, or a missing file, is an error entry on the file declaring it', async () => {
    const k = 'resources: [deployment.yaml]\nreplacements:\n  - path: gone.yaml\n  - source: { kind: Secret, name: nope }\n    targets: [{ select: { kind: Deployment }, fieldPaths: [metadata.name] }]\n';
    const { errors } = await build(k);
    expect(errors.map((e) => [e.path, e.reason])).toEqual([
      ['app/kustomization.yaml', 'replacement file "gone.yaml" not found'],
      ['app/kustomization.yaml', 'replacement source Secret/nope matches 0 resources (needs exactly one)'],
    ]);
  });
});

describe('vars', () => {
  const k = `resources: [deployment.yaml, config.yaml]
namePrefix: prod-
vars:
  - name: DB_HOST
    objref: { kind: ConfigMap, name: settings, apiVersion: v1 }
    fieldref: { fieldpath: data.host }
  - name: CONFIG_NAME
    objref: { kind: ConfigMap, name: settings }
`;

  test('$(VAR) is substituted in command, args and env values; a whole-value reference lands on the source field', async () => {
    const { errors, dep, get } = await build(k);
    expect(errors).toEqual([]);
    expect(get([...web, 'command'])).toEqual(['serve', '--db', 'db.internal']);
    expect(get([...web, 'env', 0, 'value'])).toBe('db.internal');
    expect(dep.locate([...web, 'env', 0, 'value'])).toMatchObject({ path: 'app/config.yaml', line: 8 });
    expect(get([...web, 'env', 1, 'value'])).toBe('http://db.internal:5432');
    expect(dep.locate([...web, 'env', 1, 'value'])).toMatchObject({ path: 'app/deployment.yaml', line: 18 });
  });

  test('vars from a base resolve in the overlay build; the default fieldpath is the (prefixed) name', async () => {
    const overlay = { 'prod/kustomization.yaml': 'resources: [../app]\nvars:\n  - name: DB_HOST\n    objref: { kind: ConfigMap, name: settings }\n' };
    const built = await buildKustomization(memoryTree({ ...base, ...overlay, 'app/kustomization.yaml': 'resources: [deployment.yaml, config.yaml]\nnamePrefix: prod-\n' }), 'prod');
    expect(built.errors).toEqual([]);
    const dep = built.objects.find((o) => o.value.kind === 'Deployment')!;
    const env = ((dep.value.spec as { template: { spec: { containers: Array<{ env: Array<{ value: string }> }> } } }).template.spec.containers[0]!.env);
    expect(env[0]!.value).toBe('prod-settings');
  });

  test('a duplicate var or an unresolvable one is an error entry; unresolved references stay as written', async () => {
    const bad = `resources: [deployment.yaml]\nvars:\n  - name: DB_HOST\n    objref: { kind: Service, name: db }\n  - name: DB_HOST\n    objref: { kind: Service, name: db }\n`;
    const { errors, get } = await build(bad);
    expect(errors.map((e) => e.reason)).toEqual(['var DB_HOST: Service/db matches 0 resources (needs exactly one)', 'var DB_HOST is declared more than once']);
    expect(get([...web, 'env', 0, 'value'])).toBe('$(DB_HOST)');
  });
});

test('field paths: list selectors, indexes, wildcards, escaped dots and the legacy bracket index', () => {
  expect(parseFieldPath('spec.containers.[name=a.b].image')).toEqual([{ key: 'spec' }, { key: 'containers' }, { match: ['name', 'a.b'] }, { key: 'image' }]);
  expect(parseFieldPath('spec.ports[0].port')).toEqual([{ key: 'spec' }, { key: 'ports' }, { index: 0 }, { key: 'port' }]);
  expect(parseFieldPath('metadata.annotations.a\\.io/x.*')).toEqual([{ key: 'metadata' }, { key: 'annotations' }, { key: 'a.io/x' }, { all: true }]);
});
