import { componentFlags, componentFlagsTemplate, holds, numericValue } from '../../src/scanners/manifests/templates/component-flags.js';
import { scanFiles } from './helpers.js';
import type { FlagCondition } from '../../src/scanners/manifests/templates/component-flags.js';

const container = (command: unknown[], args?: unknown[]): Record<string, unknown> => ({ name: 'c', command, ...(args ? { args } : {}) });

function flagsOf(command: unknown[], args?: unknown[]) {
  const flags = componentFlags(container(command, args), ['spec', 'containers', 0], 'kube-apiserver');
  if (!flags) throw new Error('component not recognised');
  return flags;
}

describe('component-flags template', () => {
  it('recognises the component by an element of command, bare or as a path', () => {
    expect(componentFlags(container(['kube-apiserver']), [], 'kube-apiserver')).not.toBeNull();
    expect(componentFlags(container(['/usr/local/bin/kube-apiserver']), [], 'kube-apiserver')).not.toBeNull();
    expect(componentFlags(container(['kube-apiserver-proxy']), [], 'kube-apiserver')).toBeNull();
    expect(componentFlags(container(['kube-scheduler']), [], 'kube-apiserver')).toBeNull();
    expect(componentFlags({ name: 'c', args: ['kube-apiserver'] }, [], 'kube-apiserver')).toBeNull();
  });

  it('parses --flag=value, --flag value and bare flags from command and args, locating each', () => {
    const flags = flagsOf(['kube-apiserver', '--a=1', '--b', '2', '--c'], ['--d=x,y', '--e']);
    expect(flags.get('--a')).toEqual({ value: '1', bare: false, path: ['spec', 'containers', 0, 'command', 1] });
    expect(flags.get('--b')).toEqual({ value: '2', bare: false, path: ['spec', 'containers', 0, 'command', 2] });
    expect(flags.get('--c')).toMatchObject({ value: 'true', bare: true });
    expect(flags.get('--d')).toMatchObject({ value: 'x,y', path: ['spec', 'containers', 0, 'args', 0] });
    expect(flags.get('--e')).toMatchObject({ value: 'true', bare: true });
  });

  it('lets the last occurrence of a flag win', () => {
    expect(flagsOf(['kube-apiserver', '--profiling=true', '--profiling=false']).get('--profiling')?.value).toBe('false');
  });

  it('evaluates each operator and its default for a missing flag', () => {
    const flags = flagsOf(['kube-apiserver', '--modes=Node,RBAC', '--age=30', '--timeout=1m30s', '--empty=']);
    const cases: Array<[FlagCondition, boolean]> = [
      [{ flag: '--modes', includes: 'RBAC' }, true],
      [{ flag: '--modes', includes: 'Webhook' }, false],
      [{ flag: '--modes', excludes: 'AlwaysAllow' }, true],
      [{ flag: '--modes', subsetOf: ['Node', 'RBAC', 'Webhook'] }, true],
      [{ flag: '--modes', subsetOf: ['Node'] }, false],
      [{ flag: '--age', atLeast: 30 }, true],
      [{ flag: '--age', atMost: 10 }, false],
      [{ flag: '--timeout', atMost: 90 }, true],
      [{ flag: '--age', oneOf: ['7', '30'] }, true],
      [{ flag: '--age', matches: '^[0-9]+$' }, true],
      [{ flag: '--age', equals: '31' }, false],
      [{ flag: '--age', notEquals: '0' }, true],
      [{ flag: '--empty', present: true }, false],
      [{ flag: '--age', absent: true }, false],
      [{ flag: '--nope', equals: 'x' }, false],
      [{ flag: '--nope', notEquals: 'x' }, true],
      [{ flag: '--nope', absent: true }, true],
      [{ flag: '--nope', excludes: 'x' }, true],
      [{ flag: '--nope', includes: 'x', missing: 'pass' }, true],
      [{ flag: '--nope', notEquals: 'x', missing: 'fail' }, false],
    ];
    for (const [cond, expected] of cases) expect([cond, holds(cond, flags)]).toEqual([cond, expected]);
  });

  it('reads plain numbers and Go durations', () => {
    expect(numericValue('100')).toBe(100);
    expect(numericValue('1h30m')).toBe(5400);
    expect(numericValue('4h0m0s')).toBe(14400);
    expect(numericValue('soon')).toBeUndefined();
  });

  it('validates params: exactly one form, safe regexes', () => {
    const ok = componentFlagsTemplate.params.safeParse({ component: 'etcd', flag: '--client-cert-auth', equals: 'true' });
    expect(ok.success).toBe(true);
    expect(componentFlagsTemplate.params.safeParse({ component: 'etcd' }).success).toBe(false);
    expect(componentFlagsTemplate.params.safeParse({ component: 'etcd', flag: '--x', allOf: [{ flag: '--y', present: true }] }).success).toBe(false);
    expect(componentFlagsTemplate.params.safeParse({ component: 'etcd', flag: '--x', matches: '(a+)+' }).success).toBe(false);
    expect(componentFlagsTemplate.params.safeParse({ component: 'kubelet', anyOf: [{ flag: '--a', present: true }, { flag: '--b', present: true }] }).success).toBe(true);
  });
});

describe('component-flags rules through the scanner', () => {
  const pod = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: kube-apiserver, namespace: kube-system }', 'spec:', '  containers:', '    - name: api', '      command:', '        - kube-apiserver', '        - --profiling=true', ''].join('\n');

  it('reports on the offending flag item, and on command for a missing flag, naming the fix', async () => {
    const out = await scanFiles({ 'apiserver.yaml': pod });
    const profiling = out.findings.find((f) => f.ruleId === 'apiserver-profiling');
    expect(profiling).toMatchObject({ startLine: 9 });
    expect(profiling?.message).toContain('--profiling=false');
    const audit = out.findings.find((f) => f.ruleId === 'apiserver-audit-log-path');
    expect(audit).toMatchObject({ startLine: 7 });
    expect(audit?.message).toContain('--audit-log-path');
  });

  it('leaves containers of other programs alone', async () => {
    const out = await scanFiles({ 'web.yaml': pod.replace('- kube-apiserver', '- nginx') });
    expect(out.findings.filter((f) => f.ruleId.startsWith('apiserver-'))).toEqual([]);
  });
});
