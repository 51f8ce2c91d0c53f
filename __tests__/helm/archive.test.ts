import { unpackTgz } from '../../src/scanners/manifests/helm/archive.js';
import { renderChart } from '../../src/scanners/manifests/helm/index.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { tgz } from './tgz.js';

const library = {
  'common/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 2.0.0\n',
  'common/templates/_names.tpl': '{{- define "common.names.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
};

test('a packaged library subchart provides its helpers to the parent', async () => {
  const files = {
    'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 2.x\n',
    'app/values.yaml': 'securityContext:\n  privileged: true\n',
    'app/charts/common-2.0.0.tgz': tgz(library),
    'app/templates/pod.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include "common.names.fullname" . }}\nspec:\n  containers:\n    - name: app\n      securityContext: {{- toYaml .Values.securityContext | nindent 8 }}\n',
  };
  const { objects, errors } = await renderChart(memoryTree(files), 'app');
  expect(errors).toEqual([]);
  expect(objects).toHaveLength(1);
  expect((objects[0]!.value.metadata as Record<string, unknown>).name).toBe('release-name-app');
  expect(objects[0]!.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toMatchObject({ path: 'app/values.yaml', line: 2 });
});

test('objects of a packaged subchart no Chart.yaml lists are reported on the archive; damaged archives are error entries', async () => {
  const sub = {
    'db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
    'db/values.yaml': 'privileged: true\n',
    'db/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      securityContext:\n        privileged: {{ .Values.privileged }}\n',
  };
  const files = {
    'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    'app/charts/db-1.0.0.tgz': tgz(sub),
    'app/charts/broken-1.0.0.tgz': new Uint8Array([1, 2, 3]),
  };
  const { objects, errors } = await renderChart(memoryTree(files), 'app');
  expect(errors).toEqual([expect.objectContaining({ path: 'app/charts/broken-1.0.0.tgz', reason: expect.stringContaining('could not be read') })]);
  expect(objects).toHaveLength(1);
  expect(objects[0]!.path).toBe('app/charts/db-1.0.0.tgz');
  expect(objects[0]!.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({
    path: 'app/charts/db-1.0.0.tgz',
    line: 1,
    column: 1,
    via: 'charts/db-1.0.0.tgz: db/values.yaml:1',
  });
});

test('archive members cannot climb out of their mount point', () => {
  const members = unpackTgz(tgz({ '../../etc/passwd': 'x', 'ok/Chart.yaml': 'name: ok\n' }));
  expect([...members.keys()]).toEqual(['ok/Chart.yaml']);
});
