import type { AnyTemplate, Template } from '../engine/types.js';
import { componentFlagsTemplate } from './component-flags.js';
import { imageReference } from './image.js';
import { inheritedSecurityContext } from './inherited.js';
import { namespaceNetworkPolicy } from './namespace-network-policy.js';
import { rbacPermission } from './rbac.js';
import { effectiveRunAsUser } from './run-as-user.js';

// The one registry of code templates a rule's `check: { template: <id> }` can name.
// To add one: write it in its own file here and add it to this list.
const ALL = [inheritedSecurityContext, imageReference, effectiveRunAsUser, rbacPermission, namespaceNetworkPolicy, componentFlagsTemplate] as unknown as Array<Template<never>>;

export const TEMPLATES: Readonly<Record<string, AnyTemplate>> = Object.fromEntries(ALL.map((t) => [t.id, t as AnyTemplate]));
