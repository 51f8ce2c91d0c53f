import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { inertLog } from '../report/annotations.js';

/** Where the action writes: step outputs, the job summary, and the log. Built from the runner's env. */
export interface ActionIO {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): void;
  /** Untrusted text is made inert (no workflow commands) before it reaches the log. */
  info(message: string): void;
  warning(message: string): void;
  /** Our own, already-escaped workflow commands (annotations). */
  command(line: string): void;
}

export function runnerIO(env: NodeJS.ProcessEnv, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): ActionIO {
  return {
    setOutput(name, value) {
      const file = env.GITHUB_OUTPUT;
      if (!file) {
        write(`${name}=${inertLog(value)}`);
        return;
      }
      // Heredoc syntax with a random delimiter: a value can never end the block early.
      const delimiter = `shiftguard_${randomUUID()}`;
      appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
    },
    appendSummary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
    },
    info(message) {
      for (const line of message.split(/\r?\n/)) write(inertLog(line));
    },
    warning(message) {
      // A warning command whose data is escaped: `%`, CR and LF encoded, so the message is one annotation.
      write(`::warning::${inertLog(message).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
    },
    command(line) {
      write(line);
    },
  };
}
