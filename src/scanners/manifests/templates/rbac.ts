import { z } from 'zod';
import { isJson } from '../podspec.js';
import type { Template } from '../engine/types.js';

// Roles and ClusterRoles that can perform an operation: some rule grants one of its API groups, one of
// its verbs and one of its resources, wildcards included ("*", and "*/sub" for subresources).

const operation = z.strictObject({
  apiGroups: z.array(z.string()).min(1),
  verbs: z.array(z.string()).min(1),
  resources: z.array(z.string()).min(1),
});
type Operation = z.infer<typeof operation>;

const params = z.strictObject({
  operations: z.array(operation).min(1),
  /** true: the role must be able to perform every operation (Checkov's semantics); false: any one. */
  requireAll: z.boolean().default(true),
  message: z.string().min(1),
});
type Params = z.infer<typeof params>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function grants(rule: unknown, op: Operation): boolean {
  if (!isJson(rule)) return false;
  const groups = strings(rule.apiGroups);
  const verbs = strings(rule.verbs);
  const resources = strings(rule.resources);
  const resourceOk = resources.some(
    (r) => r === '*' || op.resources.some((wanted) => r === wanted || (wanted.includes('/') && r === `*/${wanted.split('/')[1]}`)),
  );
  return groups.some((g) => g === '*' || op.apiGroups.includes(g)) && verbs.some((v) => v === '*' || op.verbs.includes(v)) && resourceOk;
}

export const rbacPermission: Template<Params> = {
  id: 'rbac-permission',
  description: 'A Role/ClusterRole whose rules can perform the given operations.',
  params,
  run(ctx, p) {
    const rules = ctx.object.value.rules;
    if (!Array.isArray(rules)) return [];
    const granting = p.operations.map((op) => rules.findIndex((rule) => grants(rule, op)));
    const can = p.requireAll ? granting.every((i) => i >= 0) : granting.some((i) => i >= 0);
    if (!can) return [];
    const first = granting.find((i) => i >= 0)!;
    return [{ path: ['rules', first], message: p.message }];
  },
};
