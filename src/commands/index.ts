import { baselineCommand } from './baseline.js';
import { depsCommand } from './deps.js';
import { mergeCommand } from './merge.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { testRulesCommand } from './test-rules.js';
import type { Command } from './types.js';

/** Every `shiftguard <command>`: adding one is one line here. */
export const COMMANDS: Command[] = [scanCommand, rulesCommand, depsCommand, baselineCommand, testRulesCommand, mergeCommand];
