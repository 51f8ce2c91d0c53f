import { z } from 'zod';
import type { SetViolation, Template } from '../engine/types.js';
import type { CheckContext } from '../engine/types.js';

// A namespace that runs workloads but has no NetworkPolicy lets every pod talk to every other pod in
// the cluster. Policies anywhere in the repository count (background), not only in the change set.
// A Helm chart's objects without a namespace of their own go to the release namespace, chosen at
// install time: only the chart's own NetworkPolicies can cover them.

const params = z.strictObject({});

function namespaceOf(ctx: CheckContext): string {
  const namespace = ctx.resource.split('/')[1] ?? 'default';
  // rendering uses "default" for .Release.Namespace, so "default" there is the release's namespace
  return ctx.object.renderedBy === 'helm' && ctx.object.chart !== undefined && namespace === 'default' ? `\0release:${ctx.object.chart}` : namespace;
}

function describe(namespace: string): { subject: string; missing: string } {
  if (!namespace.startsWith('\0release:')) return { subject: `Namespace "${namespace}"`, missing: 'has no NetworkPolicy' };
  const chart = namespace.slice('\0release:'.length) || '.';
  return { subject: `The release namespace of chart "${chart}"`, missing: 'the chart ships no NetworkPolicy' };
}

export const namespaceNetworkPolicy: Template<z.infer<typeof params>> = {
  id: 'namespace-without-network-policy',
  description: 'Namespaces with workloads in the scan but no NetworkPolicy in the repository.',
  params,
  backgroundKinds: ['NetworkPolicy'],
  // All NetworkPolicies, and the first workload of each namespace: the one a finding would name.
  keeper() {
    const seen = new Set<string>();
    return (ctx) => {
      if (ctx.kind === 'NetworkPolicy') return true;
      if (ctx.podSpecs.length === 0) return false;
      const namespace = namespaceOf(ctx);
      if (seen.has(namespace)) return false;
      seen.add(namespace);
      return true;
    };
  },
  runSet(set) {
    const covered = new Set(
      [...set.objects, ...set.background].filter((ctx) => ctx.kind === 'NetworkPolicy').map(namespaceOf),
    );
    const reported = new Set<string>();
    const out: SetViolation[] = [];
    for (const ctx of set.objects) {
      const namespace = namespaceOf(ctx);
      if (ctx.podSpecs.length === 0 || covered.has(namespace) || reported.has(namespace)) continue;
      reported.add(namespace);
      const { subject, missing } = describe(namespace);
      out.push({
        ctx,
        violation: {
          path: ['metadata', 'namespace'],
          message: `${subject} runs workloads (${ctx.kind} "${ctx.resource.split('/')[2]}") but ${missing}; add a default-deny policy.`,
        },
      });
    }
    return out;
  },
};
