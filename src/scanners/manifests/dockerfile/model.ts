// A Dockerfile as the checks see it: stages with their instructions, each argument carrying the
// physical line it sits on, so a match inside a continued RUN lands on its own line.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface Word {
  text: string;
  /** 1-based physical line. */
  line: number;
  column: number;
}

export interface Step {
  keyword: string;
  /** 1-based first and last physical line of the instruction. */
  line: number;
  endLine: number;
  words: Word[];
  /** Arguments joined by single spaces (continuations removed). */
  text: string;
  raw: Instruction;
}

export interface Stage {
  /** The FROM instruction. */
  from: Step;
  /** Base image as written (`alpine:${VERSION}`), and with build ARG defaults substituted. */
  image: string;
  resolvedImage: string;
  /** `AS name`, lower-cased. */
  name: string | null;
  steps: Step[];
}

export interface ParsedDockerfile {
  stages: Stage[];
  /** ARG defaults declared before the first FROM. */
  globalArgs: Map<string, string>;
}

function toStep(instruction: Instruction): Step {
  const range = instruction.getRange();
  const words = instruction.getArguments().map((a) => ({
    text: a.getValue(),
    line: a.getRange().start.line + 1,
    column: a.getRange().start.character + 1,
  }));
  const keyword = instruction.getKeyword();
  const heredoc = keyword === 'RUN' ? heredocBody(words) : null;
  return {
    keyword,
    line: range.start.line + 1,
    endLine: range.end.line + 1,
    words: heredoc ?? words,
    text: heredoc ? joinLines(heredoc) : words.map((w) => w.text).join(' '),
    raw: instruction,
  };
}

/**
 * `RUN <<EOT` runs each line of the body as its own shell command: without the marker and the
 * terminator, and with the line breaks kept as command separators, the checks see commands rather
 * than one run-on line (`apt-get install -y curl EOT`). Null when the RUN is not a heredoc.
 */
function heredocBody(words: Word[]): Word[] | null {
  const marker = /^<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(words[0]?.text ?? '');
  if (!marker) return null;
  const terminator = marker[2];
  const body = words.slice(1);
  const end = body.findIndex((w, i) => w.text === terminator && body[i - 1]?.line !== w.line && body[i + 1]?.line !== w.line);
  return end < 0 ? body : body.slice(0, end);
}

function joinLines(words: Word[]): string {
  let text = '';
  words.forEach((w, i) => {
    if (i > 0) text += words[i - 1]!.line === w.line ? ' ' : ' ; ';
    text += w.text;
  });
  return text;
}

/** Substitutes `$VAR`, `${VAR}` and `${VAR:-default}` from `vars`; unknown variables stay as written. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced?: string, fallback?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    const value = vars.get(name);
    if (value !== undefined && value !== '') return value;
    return fallback ?? whole;
  });
}

export function parseDockerfile(content: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(content);
  const globalArgs = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) globalArgs.set(property.getName(), property.getValue() ?? '');
  }
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const step = toStep(instruction);
    if (step.keyword === 'FROM') {
      const words = step.words.filter((w) => !w.text.startsWith('--'));
      const image = words[0]?.text ?? '';
      const asIndex = words.findIndex((w) => w.text.toUpperCase() === 'AS');
      const name = asIndex >= 0 ? (words[asIndex + 1]?.text.toLowerCase() ?? null) : null;
      stages.push({ from: step, image, resolvedImage: substitute(image, globalArgs), name, steps: [] });
      continue;
    }
    stages.at(-1)?.steps.push(step);
  }
  return { stages, globalArgs };
}

/** Finds `pattern` in a step's joined text; returns the physical line of the match's first character. */
export function matchLine(step: Step, index: number): Word | undefined {
  let offset = 0;
  for (const word of step.words) {
    const end = offset + word.text.length;
    if (index < end + 1) return word;
    offset = end + 1;
  }
  return step.words.at(-1);
}
