import { jest } from '@jest/globals';
import { mayHoldObjects, parseManifests } from '../../src/scanners/manifests/yaml/parse.js';

describe('parseManifests', () => {
  it('reads every document of a multi-document file and locates fields by key', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      '# a comment',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: nginx',
    ].join('\n');
    const { objects, errors } = parseManifests('m.yaml', text);
    expect(errors).toEqual([]);
    expect(objects.map((o) => o.value.kind)).toEqual(['ConfigMap', 'Pod']);
    const pod = objects[1]!;
    expect(pod.origin.line).toBe(6);
    expect(pod.locate(['spec', 'containers', 0, 'image'])).toMatchObject({ path: 'm.yaml', line: 13, column: 7 });
    // Absent field: the nearest present ancestor (the container item).
    expect(pod.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toMatchObject({ line: 12, column: 7 });
    expect(pod.sourceLine?.('m.yaml', 9)).toBe('  name: web');
  });

  it('handles CRLF line endings and a BOM', () => {
    const text = '\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  hostPID: true\r\n';
    const [pod] = parseManifests('crlf.yaml', text).objects;
    expect(pod!.locate(['spec', 'hostPID']).line).toBe(6);
    expect(pod!.sourceLine?.('crlf.yaml', 6)).toBe('  hostPID: true');
  });

  it('follows aliases to the anchored value', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web}',
      'spec:',
      '  containers:',
      '    - &base',
      '      name: app',
      '      securityContext:',
      '        privileged: true',
      '    - *base',
    ].join('\n');
    const [pod] = parseManifests('a.yaml', text).objects;
    expect((pod!.value.spec as { containers: unknown[] }).containers).toHaveLength(2);
    expect(pod!.locate(['spec', 'containers', 1, 'securityContext', 'privileged']).line).toBe(9);
  });

  it('refuses alias bombs with an error instead of expanding them', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'data:', '  a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`  ${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { objects, errors } = parseManifests('bomb.yaml', lines.join('\n'));
    expect(objects).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(/alias/i);
  });

  it('expands List kinds into their items', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n    spec:\n      hostIPC: true\n';
    const [pod] = parseManifests('list.yaml', text).objects;
    expect(pod!.value.kind).toBe('Pod');
    expect(pod!.locate(['spec', 'hostIPC']).line).toBe(8);
  });

  it('reads JSON manifests', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"},\n  "spec": {\n    "hostNetwork": true\n  }\n}\n';
    const [pod] = parseManifests('pod.json', text).objects;
    expect(pod!.locate(['spec', 'hostNetwork']).line).toBe(6);
  });

  it('ignores YAML that is not Kubernetes, quietly', () => {
    expect(parseManifests('ci.yml', 'on: push\njobs: {}\n')).toEqual({ objects: [], errors: [] });
    expect(parseManifests('broken.yml', 'a: [\n')).toEqual({ objects: [], errors: [] });
  });

  it('reports unparsable manifests and keeps the good documents', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Pod\nmetadata: [unclosed\n';
    const { objects, errors } = parseManifests('bad.yaml', text);
    expect(objects).toHaveLength(1);
    expect(errors).toEqual([{ path: 'bad.yaml', reason: expect.stringMatching(/invalid YAML/), scanner: 'manifests' }]);
  });

  it('skips text that cannot name apiVersion and kind, but not keys spelled with escapes', () => {
    const lockfile = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' } } });
    expect(mayHoldObjects(lockfile)).toBe(false);
    expect(parseManifests('package-lock.json', lockfile)).toEqual({ objects: [], errors: [] });
    // kubectl reads these keys as apiVersion and kind: a scanner that looked for the words would miss the Pod.
    const escapedJson = '{"apiVersio\\u006e": "v1", "kin\\u0064": "Pod", "metadata": {"name": "p"}, "spec": {"hostNetwork": true}}';
    const escapedYaml = '"api\\x56ersion": v1\n"\\x6bind": Pod\nmetadata: {name: q}\n';
    for (const [path, text] of [['pod.json', escapedJson], ['pod.yaml', escapedYaml]] as const) {
      expect(mayHoldObjects(text)).toBe(true);
      const { objects } = parseManifests(path, text);
      expect(objects.map((o) => o.value.kind)).toEqual(['Pod']);
    }
  });

  it('passes over JSON that is not a Kubernetes object, and still reads JSON that is', () => {
    const apiSpec = JSON.stringify({ metadata: { apiVersion: '2016-11-15', kind: 'ec2' }, operations: {} });
    expect(parseManifests('apis/ec2.json', apiSpec)).toEqual({ objects: [], errors: [] });
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, null, 2);
    expect(parseManifests('pod.json', pod).objects.map((o) => o.origin.line)).toEqual([1]);
    // Not JSON (a YAML flow mapping with a comment after it): YAML still decides.
    expect(parseManifests('pod.yaml', '{apiVersion: v1, kind: Pod, metadata: {name: q}} # flow\n').objects).toHaveLength(1);
  });
});

test('a Go template outside a chart parses without the YAML library writing warnings to the log', () => {
  const emitted = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    const content = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\nspec:\n  containers:\n    - name: app\n      image: {{ .Image }}\n';
    parseManifests('deploy/pod.yaml', content);
    expect(emitted).not.toHaveBeenCalled();
  } finally {
    emitted.mockRestore();
  }
});
