import { UserError } from '../errors.js';

/** Runs an argument parser (node:util parseArgs), turning its errors into one-line usage errors. */
export function parsingArgs<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UserError(`${command}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Checks a flag value against a fixed list and returns it typed. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(`${flag} must be one of ${allowed.join('|')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}
