import parseSpdx from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';
import type { LicensePolicy } from './config.js';
import type { Package } from './types.js';

// Licence policy over SPDX expressions. spdx-expression-parse is the reference parser of the SPDX
// expression grammar (npm's own package.json validation uses it) and spdx-satisfies evaluates AND/OR,
// "+" ranges and WITH exceptions against a list, which is easy to get subtly wrong by hand.

export type LicenseRuleId = 'license-denied' | 'license-not-allowed' | 'license-unknown';

export interface LicenseVerdict {
  ruleId: LicenseRuleId;
  message: string;
}

type Node = parseSpdx.Info;

function leaves(node: Node): string[] {
  if ('conjunction' in node) return [...leaves(node.left), ...leaves(node.right)];
  return [`${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`];
}

function parse(expression: string): Node | null {
  try {
    return parseSpdx(expression);
  } catch {
    return null;
  }
}

function safeSatisfies(expression: string, list: readonly string[]): boolean {
  try {
    return list.length > 0 && satisfies(expression, list);
  } catch {
    return false;
  }
}

/** Whether the package can only be used under at least one denied licence (an OR with a clean choice is fine). */
function isDenied(expression: string, ast: Node, deny: readonly string[]): boolean {
  const clean = [...new Set(leaves(ast))].filter((leaf) => !safeSatisfies(leaf, deny));
  return !safeSatisfies(expression, clean);
}

/** The exception that exempts this package ("name" or "name@version"), if any. */
export function licenceException(pkg: Package, policy: LicensePolicy): string | undefined {
  const hit = policy.exceptions.find((e) => e.package === pkg.name || e.package === `${pkg.name}@${pkg.version}`);
  return hit?.reason;
}

/** The policy's verdict on one package, or null when it complies (or the policy is empty). */
export function evaluateLicence(pkg: Package, policy: LicensePolicy): LicenseVerdict | null {
  const id = `${pkg.name}@${pkg.version}`;
  const expression = pkg.license?.trim();
  if (!policy.allow && !policy.deny && !policy.reportUnknown) return null;
  const ast = expression ? parse(expression) : null;
  if (!expression || !ast) {
    if (!policy.reportUnknown) return null;
    const why = expression ? `licence "${expression}" is not an SPDX expression` : 'the lockfile records no licence';
    return { ruleId: 'license-unknown', message: `${id}: ${why}, so the licence policy cannot be checked` };
  }
  if (policy.deny && isDenied(expression, ast, policy.deny)) {
    return { ruleId: 'license-denied', message: `${id} is licensed ${expression}, which the licence policy denies (${policy.deny.join(', ')})` };
  }
  if (policy.allow && !safeSatisfies(expression, policy.allow)) {
    return { ruleId: 'license-not-allowed', message: `${id} is licensed ${expression}, which is not in the allowed licences (${policy.allow.join(', ')})` };
  }
  return null;
}
