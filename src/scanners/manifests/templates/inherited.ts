import { z } from 'zod';
import { CONTAINER_GROUPS, getAt } from '../podspec.js';
import type { Template, Violation } from '../engine/types.js';

// A securityContext field that containers inherit from the pod (runAsNonRoot, seccompProfile.type):
// the pod may set a good value for everyone, each container may override it, and an explicit bad
// value anywhere is a violation. With `required`, a container that ends up with no good value is one too.

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const params = z.strictObject({
  field: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/),
  allowed: z.array(scalar).min(1),
  required: z.boolean().default(false),
  /** PSS exempts Windows pods (spec.os.name: windows) from Linux-only controls. */
  linuxOnly: z.boolean().default(false),
  /** PSS 1.35+: pods in a user namespace (hostUsers: false) are exempt. */
  exemptUserNamespaces: z.boolean().default(false),
  containers: z.array(z.enum(CONTAINER_GROUPS)).min(1).default([...CONTAINER_GROUPS]),
  fixValue: scalar.optional(),
  /** Placeholders {where} ("pod" or "container x"), {value}. */
  badMessage: z.string().min(1),
  missingMessage: z.string().min(1).optional(),
});
type Params = z.infer<typeof params>;

function allowed(value: unknown, p: Params): boolean {
  return p.allowed.some((a) => String(a) === String(value));
}

export const inheritedSecurityContext: Template<Params> = {
  id: 'inherited-security-context',
  description: 'A securityContext field set at pod level and/or per container, with PSS inheritance semantics.',
  params,
  run(ctx, p) {
    const field = p.field.split('.');
    const out: Violation[] = [];
    const fill = (text: string, where: string, value: unknown) => text.replace('{where}', where).replace('{value}', String(value));
    for (const pod of ctx.podSpecs) {
      if (p.linuxOnly && getAt(pod.spec, ['os', 'name']) === 'windows') continue;
      if (p.exemptUserNamespaces && getAt(pod.spec, ['hostUsers']) === false) continue;
      const podPath = [...pod.path, 'securityContext', ...field];
      const podValue = getAt(pod.spec, ['securityContext', ...field]);
      const podSet = podValue !== undefined && podValue !== null;
      if (podSet && !allowed(podValue, p)) {
        out.push({ path: podPath, message: fill(p.badMessage, 'the pod', podValue), ...(p.fixValue !== undefined ? { fixValue: p.fixValue } : {}) });
      }
      const podGood = podSet && allowed(podValue, p);
      for (const c of pod.containers) {
        if (!p.containers.includes(c.group)) continue;
        const value = getAt(c.value, ['securityContext', ...field]);
        const path = [...c.path, 'securityContext', ...field];
        if (value !== undefined && value !== null) {
          if (!allowed(value, p)) {
            out.push({
              path,
              container: c.name,
              message: fill(p.badMessage, `container "${c.name}"`, value),
              ...(p.fixValue !== undefined ? { fixValue: p.fixValue } : {}),
            });
          }
        } else if (p.required && !podSet && p.missingMessage) {
          out.push({ path, container: c.name, message: fill(p.missingMessage, `container "${c.name}"`, '') });
        }
      }
    }
    return out;
  },
};
