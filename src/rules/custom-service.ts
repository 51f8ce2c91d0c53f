import type { LoadedRule } from './load.js';

/** The `services` key under which a run hands the repository's own rules (.shiftguard/rules) to the scanners. */
export const CUSTOM_RULES_SERVICE = 'customRules';

/** The custom rules of one scanner from a run's services (none when the entry point set none). */
export function customRulesFor(services: Record<string, unknown>, scanner: string): LoadedRule[] {
  const rules = services[CUSTOM_RULES_SERVICE];
  return Array.isArray(rules) ? (rules as LoadedRule[]).filter((r) => r.scanner === scanner) : [];
}
