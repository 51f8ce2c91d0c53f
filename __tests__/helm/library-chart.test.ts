// A chart in the style of widely used public charts that rely on a library of helpers: dict-passing
// includes with `context`, omit of an `enabled` flag before toYaml, tpl of values, image helpers,
// capability checks and a ServiceAccount behind a condition.
import { renderChart } from '../../src/scanners/manifests/helm/index.js';
import { memoryTree } from '../helpers/memory-tree.js';

const helpers = `{{- define "common.names.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "common.labels.standard" -}}
{{- $default := dict "app.kubernetes.io/name" .context.Chart.Name "app.kubernetes.io/instance" .context.Release.Name -}}
{{- with .customLabels }}
{{- toYaml (merge (dict) . $default) }}
{{- else }}
{{- toYaml $default }}
{{- end }}
{{- end -}}

{{- define "common.images.image" -}}
{{- $registry := .imageRoot.registry -}}
{{- if and .global .global.imageRegistry }}{{- $registry = .global.imageRegistry -}}{{- end -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest }}{{- $separator = "@" -}}{{- $termination = .imageRoot.digest | toString -}}{{- end -}}
{{- if $registry }}{{- printf "%s/%s%s%s" $registry .imageRoot.repository $separator $termination -}}
{{- else }}{{- printf "%s%s%s" .imageRoot.repository $separator $termination -}}{{- end -}}
{{- end -}}

{{- define "common.tplvalues.render" -}}
{{- if typeIs "string" .value }}{{- tpl .value .context }}{{- else }}{{- tpl (.value | toYaml) .context }}{{- end }}
{{- end -}}

{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "common.names.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}
`;

const statefulset = `{{- $fullname := include "common.names.fullname" . -}}
apiVersion: {{ if .Capabilities.APIVersions.Has "apps/v1" }}apps/v1{{ else }}apps/v1beta2{{ end }}
kind: StatefulSet
metadata:
  name: {{ $fullname }}
  namespace: {{ .Release.Namespace | quote }}
  labels: {{- include "common.labels.standard" ( dict "customLabels" .Values.commonLabels "context" $ ) | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  serviceName: {{ printf "%s-headless" $fullname | trunc 63 }}
  template:
    spec:
      serviceAccountName: {{ include "app.serviceAccountName" . }}
      {{- if .Values.podSecurityContext.enabled }}
      securityContext: {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations: {{- include "common.tplvalues.render" (dict "value" . "context" $) | nindent 8 }}
      {{- end }}
      containers:
        - name: db
          image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}
          {{- if .Values.containerSecurityContext.enabled }}
          securityContext: {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 12 }}
          {{- end }}
          env:
            - name: DB_PORT
              value: {{ .Values.containerPorts.db | quote }}
            {{- if .Values.extraEnvVars }}
            {{- include "common.tplvalues.render" (dict "value" .Values.extraEnvVars "context" $) | nindent 12 }}
            {{- end }}
          ports:
            - name: db
              containerPort: {{ .Values.containerPorts.db }}
`;

const serviceaccount = `{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- end }}
`;

const values = `global:
  imageRegistry: ""
commonLabels:
  team: data
image:
  registry: docker.io
  repository: example/db
  tag: 16.4.0
  digest: ""
replicaCount: 1
containerPorts:
  db: 5432
serviceAccount:
  create: true
  name: ""
  automountServiceAccountToken: true
podSecurityContext:
  enabled: true
  fsGroup: 1001
containerSecurityContext:
  enabled: true
  runAsUser: 0
  allowPrivilegeEscalation: true
tolerations:
  - key: dedicated
    operator: Equal
    value: "{{ .Release.Name }}"
extraEnvVars:
  - name: EXTRA
    value: "yes"
`;

const files = {
  'db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 15.5.0\nappVersion: 16.4.0\n',
  'db/values.yaml': values,
  'db/templates/_helpers.tpl': helpers,
  'db/templates/statefulset.yaml': statefulset,
  'db/templates/serviceaccount.yaml': serviceaccount,
};

const line = (needle: string): number => values.split('\n').findIndex((l) => l.includes(needle)) + 1;
const container = ['spec', 'template', 'spec', 'containers', 0];

test('renders a library-style chart and maps omitted/merged values back to values.yaml', async () => {
  const { objects, errors } = await renderChart(memoryTree(files), 'db');
  expect(errors).toEqual([]);
  const sts = objects.find((o) => o.value.kind === 'StatefulSet')!;
  const sa = objects.find((o) => o.value.kind === 'ServiceAccount')!;
  expect(sts.value.apiVersion).toBe('apps/v1');
  expect(sts.value.metadata).toEqual({
    name: 'release-name-db',
    namespace: 'default',
    labels: { 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/name': 'db', team: 'data' },
  });
  const spec = (sts.value.spec as Record<string, Record<string, Record<string, unknown>>>).template!.spec!;
  expect(spec.serviceAccountName).toBe('release-name-db');
  expect(spec.securityContext).toEqual({ fsGroup: 1001 });
  expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'release-name' }]);
  const c = (spec.containers as Record<string, unknown>[])[0]!;
  expect(c.image).toBe('docker.io/example/db:16.4.0');
  expect(c.securityContext).toEqual({ runAsUser: 0, allowPrivilegeEscalation: true });
  expect(c.env).toEqual([
    { name: 'DB_PORT', value: '5432' },
    { name: 'EXTRA', value: 'yes' },
  ]);
  expect(sa.value.automountServiceAccountToken).toBe(true);

  expect(sts.locate([...container, 'securityContext', 'runAsUser'])).toMatchObject({ path: 'db/values.yaml', line: line('runAsUser: 0') });
  expect(sts.locate([...container, 'securityContext', 'allowPrivilegeEscalation'])).toMatchObject({ path: 'db/values.yaml', line: line('allowPrivilegeEscalation') });
  expect(sts.locate(['spec', 'template', 'spec', 'securityContext', 'fsGroup'])).toMatchObject({ path: 'db/values.yaml', line: line('fsGroup') });
  expect(sts.locate(['metadata', 'labels', 'team'])).toMatchObject({ path: 'db/values.yaml', line: line('team: data') });
  expect(sts.locate([...container, 'image'])).toMatchObject({ path: 'db/values.yaml' });
  expect(sa.locate(['automountServiceAccountToken'])).toMatchObject({ path: 'db/values.yaml', line: line('automountServiceAccountToken') });
  // through tpl (toYaml ...): each rendered line keeps its values line
  expect(sts.locate(['spec', 'template', 'spec', 'tolerations', 0, 'operator'])).toMatchObject({ path: 'db/values.yaml', line: line('operator: Equal') });
  expect(sts.locate([...container, 'env', 1, 'value'])).toMatchObject({ path: 'db/values.yaml', line: line('value: "yes"') });
  expect(sts.locate(['kind'])).toMatchObject({ path: 'db/templates/statefulset.yaml', line: 3 });
});

test('a digest in values switches the image helper to @digest', async () => {
  const pinned = { ...files, 'db/values.yaml': values.replace('digest: ""', 'digest: sha256:abc') };
  const { objects } = await renderChart(memoryTree(pinned), 'db');
  const sts = objects.find((o) => o.value.kind === 'StatefulSet')!;
  const spec = (sts.value.spec as Record<string, Record<string, Record<string, unknown>>>).template!.spec!;
  expect((spec.containers as Record<string, unknown>[])[0]!.image).toBe('docker.io/example/db@sha256:abc');
});
