// The function table: Go template builtins, the Sprig subset charts use, and Helm's additions.
// A name missing here is reported as an unsupported construct, never guessed.
import { collectionFunctions } from './collections.js';
import { encodingFunctions } from './encoding.js';
import { extraFunctions, MUST_ALIASES } from './extra.js';
import { deterministicFunctions, refusedFunctions, trackedFunctions } from './helm.js';
import { moreFunctions } from './sprig-more.js';
import { stringFunctions } from './strings.js';
import { trackedCollectionFunctions } from './tracked-collections.js';
import type { PlainFn, TrackedFn } from './types.js';

export type FunctionEntry = { kind: 'plain'; fn: PlainFn } | { kind: 'tracked'; fn: TrackedFn };

const plain: Record<string, PlainFn> = {
  ...stringFunctions,
  ...collectionFunctions,
  ...encodingFunctions,
  ...extraFunctions,
  ...moreFunctions,
  ...deterministicFunctions,
  ...refusedFunctions,
};

// toYamlPretty differs from toYaml only in how it indents sequences: the same document to a scanner
const tracked: Record<string, TrackedFn> = { ...trackedCollectionFunctions, ...trackedFunctions, toYamlPretty: trackedFunctions.toYaml! };

export function lookupFunction(name: string): FunctionEntry | undefined {
  const plainName = name.startsWith('must') ? name.charAt(4).toLowerCase() + name.slice(5) : name;
  if (plainName !== name && MUST_ALIASES.includes(plainName)) return lookupFunction(plainName);
  if (Object.hasOwn(tracked, name)) return { kind: 'tracked', fn: tracked[name]! };
  if (Object.hasOwn(plain, name)) return { kind: 'plain', fn: plain[name]! };
  return undefined;
}

export function functionNames(): string[] {
  return [...new Set([...Object.keys(tracked), ...Object.keys(plain)])].sort();
}
