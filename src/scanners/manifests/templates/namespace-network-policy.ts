import { z } from 'zod';
import type { SetViolation, Template } from '../engine/types.js';
import type { CheckContext } from '../engine/types.js';

// A namespace that runs workloads but has no NetworkPolicy lets every pod talk to every other pod in
// the cluster. Policies anywhere in the repository count (background), not only in the change set.

const params = z.strictObject({});

function namespaceOf(ctx: CheckContext): string {
  return ctx.resource.split('/')[1] ?? 'default';
}

export const namespaceNetworkPolicy: Template<z.infer<typeof params>> = {
  id: 'namespace-without-network-policy',
  description: 'Namespaces with workloads in the scan but no NetworkPolicy in the repository.',
  params,
  backgroundKinds: ['NetworkPolicy'],
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
      out.push({
        ctx,
        violation: {
          path: ['metadata', 'namespace'],
          message: `Namespace "${namespace}" runs workloads (${ctx.kind} "${ctx.resource.split('/')[2]}") but has no NetworkPolicy; add a default-deny policy.`,
        },
      });
    }
    return out;
  },
};
