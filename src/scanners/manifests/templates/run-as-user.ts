import { z } from 'zod';
import { CONTAINER_GROUPS, getAt } from '../podspec.js';
import type { Template, Violation } from '../engine/types.js';

// The UID a container actually runs with: its own securityContext.runAsUser, else the pod's.
// With acceptRunAsNonRoot, an effective runAsNonRoot: true also counts (the kubelet then refuses UID 0).

const params = z.strictObject({
  minUid: z.number().int().min(0),
  acceptRunAsNonRoot: z.boolean().default(false),
  exemptUserNamespaces: z.boolean().default(false),
  containers: z.array(z.enum(CONTAINER_GROUPS)).min(1).default(['containers']),
  /** Placeholders {container}, {uid}. */
  message: z.string().min(1),
});
type Params = z.infer<typeof params>;

function uidOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export const effectiveRunAsUser: Template<Params> = {
  id: 'effective-run-as-user',
  description: 'Each container must end up with a UID of at least minUid (container value, else pod value).',
  params,
  run(ctx, p) {
    const out: Violation[] = [];
    for (const pod of ctx.podSpecs) {
      if (p.exemptUserNamespaces && pod.spec.hostUsers === false) continue;
      const podUser = getAt(pod.spec, ['securityContext', 'runAsUser']);
      const podNonRoot = getAt(pod.spec, ['securityContext', 'runAsNonRoot']);
      for (const c of pod.containers) {
        if (!p.containers.includes(c.group)) continue;
        const ownUser = getAt(c.value, ['securityContext', 'runAsUser']);
        const ownNonRoot = getAt(c.value, ['securityContext', 'runAsNonRoot']);
        const user = ownUser ?? podUser;
        const nonRoot = ownNonRoot ?? podNonRoot;
        const uid = uidOf(user);
        const ok = user !== undefined && user !== null ? uid !== undefined && uid >= p.minUid : p.acceptRunAsNonRoot && nonRoot === true;
        if (ok) continue;
        const path = ownUser !== undefined || podUser === undefined ? [...c.path, 'securityContext', 'runAsUser'] : [...pod.path, 'securityContext', 'runAsUser'];
        out.push({ path, container: c.name, message: p.message.replace('{container}', c.name).replace('{uid}', user === undefined ? 'unset' : String(user)) });
      }
    }
    return out;
  },
};
