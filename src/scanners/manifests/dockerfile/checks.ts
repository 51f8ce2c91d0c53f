// The few Dockerfile check templates; rules in rules/manifests/dockerfile/*.yaml pick one and give
// it parameters. A hit carries the physical line of the offending part and a line-free key.
import { PropertyInstruction } from 'dockerfile-ast';
import { z } from 'zod';
import { matchLine, type ParsedDockerfile, type Stage, type Step } from './model.js';

const noParams = z.strictObject({}).optional();

/** Same shape as the Kubernetes rules' template checks: `{ template, params }`. */
export const dockerfileCheckSchema = z.discriminatedUnion('template', [
  z.strictObject({ template: z.literal('dockerfile/user-not-root'), params: noParams }),
  z.strictObject({ template: z.literal('dockerfile/base-image-tag'), params: noParams }),
  z.strictObject({ template: z.literal('dockerfile/add-from-url'), params: noParams }),
  z.strictObject({ template: z.literal('dockerfile/healthcheck-missing'), params: noParams }),
  z.strictObject({ template: z.literal('dockerfile/apt-unpinned'), params: noParams }),
  z.strictObject({
    template: z.literal('dockerfile/run-pattern'),
    params: z.strictObject({
      /** Regular expression over a RUN command with continuations joined (case-insensitive). */
      pattern: z.string().min(1),
      message: z.string().min(1),
    }),
  }),
  z.strictObject({
    template: z.literal('dockerfile/secret-property'),
    params: z.strictObject({
      /** Regular expression over ENV/ARG names (case-insensitive). */
      names: z.string().min(1),
      /** Names that refer to a secret rather than hold one (`DB_PASSWORD_FILE`), case-insensitive. */
      exclude: z.string().min(1).optional(),
    }),
  }),
]);
export type DockerfileCheck = z.infer<typeof dockerfileCheckSchema>;

export interface Hit {
  line: number;
  endLine: number;
  column?: number;
  message: string;
  /** Line-free content identifying the hit, for the fingerprint. */
  key: string;
}

const ROOT_USERS = new Set(['root', '0']);

function finalStage(df: ParsedDockerfile): Stage | undefined {
  return df.stages.at(-1);
}

function runSteps(df: ParsedDockerfile): Step[] {
  return df.stages.flatMap((s) => s.steps.filter((step) => step.keyword === 'RUN'));
}

/**
 * The USER in effect at the end of `stage`: its own last USER, else the one it inherits from an
 * earlier stage it is built FROM (`FROM base`), which the image keeps.
 */
function effectiveUser(df: ParsedDockerfile, stage: Stage): Step | undefined {
  const seen = new Set<Stage>();
  for (let current: Stage | undefined = stage; current && !seen.has(current); ) {
    seen.add(current);
    const last = current.steps.filter((s) => s.keyword === 'USER').at(-1);
    if (last) return last;
    const parentName = current.image.toLowerCase();
    const index: number = df.stages.indexOf(current);
    current = df.stages.slice(0, index).findLast((s) => s.name === parentName);
  }
  return undefined;
}

function userNotRoot(df: ParsedDockerfile): Hit[] {
  const stage = finalStage(df);
  if (!stage) return [];
  const last = effectiveUser(df, stage);
  if (!last) {
    return [{ line: stage.from.line, endLine: stage.from.line, message: `The final stage (FROM ${stage.image}) sets no USER, so the container runs as root`, key: `no-user:${stage.image}` }];
  }
  const user = (last.words[0]?.text ?? '').split(':')[0]!;
  if (!ROOT_USERS.has(user)) return [];
  return [{ line: last.line, endLine: last.endLine, message: `The final stage runs as ${last.text}`, key: `root-user:${last.text}` }];
}

function baseImageTag(df: ParsedDockerfile): Hit[] {
  const hits: Hit[] = [];
  const earlier = new Set<string>();
  for (const stage of df.stages) {
    const image = stage.resolvedImage;
    const lower = image.toLowerCase();
    const known = lower === 'scratch' || earlier.has(lower) || image.includes('$') || image === '';
    if (stage.name) earlier.add(stage.name);
    if (known || image.includes('@')) continue;
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const tag = colon >= 0 ? image.slice(colon + 1) : '';
    const where = image === stage.image ? image : `${stage.image} (${image})`;
    if (tag === '') hits.push({ line: stage.from.line, endLine: stage.from.line, message: `Base image ${where} has no tag, so it means latest`, key: `untagged:${stage.image}` });
    else if (tag.toLowerCase() === 'latest') hits.push({ line: stage.from.line, endLine: stage.from.line, message: `Base image ${where} uses the latest tag`, key: `latest:${stage.image}` });
  }
  return hits;
}

function addFromUrl(df: ParsedDockerfile): Hit[] {
  return df.stages.flatMap((stage) =>
    stage.steps
      .filter((s) => s.keyword === 'ADD')
      .flatMap((s) => {
        const url = s.words.find((w) => /^(https?|ftp):\/\//i.test(w.text));
        return url ? [{ line: url.line, endLine: url.line, column: url.column, message: `ADD downloads ${url.text}; fetch with a checksum check in RUN, or COPY a verified file`, key: `add:${url.text}` }] : [];
      }),
  );
}

function healthcheckMissing(df: ParsedDockerfile): Hit[] {
  const stage = finalStage(df);
  if (!stage || stage.steps.some((s) => s.keyword === 'HEALTHCHECK')) return [];
  return [{ line: stage.from.line, endLine: stage.from.line, message: `The final stage (FROM ${stage.image}) declares no HEALTHCHECK`, key: `healthcheck:${stage.image}` }];
}

function runPattern(df: ParsedDockerfile, pattern: string, message: string): Hit[] {
  const regex = new RegExp(pattern, 'gi');
  const hits: Hit[] = [];
  for (const step of runSteps(df)) {
    for (const match of step.text.matchAll(regex)) {
      const word = matchLine(step, match.index + match[0].length - match[0].trimStart().length);
      const line = word?.line ?? step.line;
      hits.push({ line, endLine: line, ...(word ? { column: word.column } : {}), message, key: `run:${match[0].replace(/\s+/g, ' ')}` });
    }
  }
  return hits;
}

const APT_INSTALL = /\b(apt-get|apt)\s+((?:-\S+\s+)*)install\b/g;

function aptUnpinned(df: ParsedDockerfile): Hit[] {
  const hits: Hit[] = [];
  for (const step of runSteps(df)) {
    for (const match of step.text.matchAll(APT_INSTALL)) {
      const rest = step.text.slice(match.index + match[0].length).split(/&&|\|\||;|\|/)[0] ?? '';
      const packages = rest.split(/\s+/).filter((w) => w !== '' && !w.startsWith('-') && !w.startsWith('$') && w !== '\\');
      const unpinned = packages.filter((p) => !p.includes('=') && !p.endsWith('.deb'));
      if (unpinned.length === 0) continue;
      const word = matchLine(step, match.index);
      const line = word?.line ?? step.line;
      hits.push({ line, endLine: line, message: `apt installs ${unpinned.join(', ')} without a pinned version`, key: `apt:${unpinned.sort().join(',')}` });
    }
  }
  return hits;
}

function secretProperty(df: ParsedDockerfile, names: string, exclude: string | undefined): Hit[] {
  const regex = new RegExp(names, 'i');
  const excluded = exclude ? new RegExp(exclude, 'i') : null;
  const hits: Hit[] = [];
  for (const stage of df.stages) {
    for (const step of stage.steps) {
      if (step.keyword !== 'ENV' && step.keyword !== 'ARG') continue;
      const properties = step.raw instanceof PropertyInstruction ? step.raw.getProperties() : [];
      for (const p of properties) {
        const value = p.getValue();
        if (!regex.test(p.getName()) || excluded?.test(p.getName()) || value === null || value.trim() === '') continue;
        if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim())) continue;
        const line = p.getNameRange().start.line + 1;
        hits.push({ line, endLine: line, column: p.getNameRange().start.character + 1, message: `${step.keyword} ${p.getName()} has a literal value baked into the image; pass secrets with --mount=type=secret`, key: `${step.keyword}:${p.getName()}` });
      }
    }
  }
  return hits;
}

export function runCheck(check: DockerfileCheck, df: ParsedDockerfile): Hit[] {
  switch (check.template) {
    case 'dockerfile/user-not-root':
      return userNotRoot(df);
    case 'dockerfile/base-image-tag':
      return baseImageTag(df);
    case 'dockerfile/add-from-url':
      return addFromUrl(df);
    case 'dockerfile/healthcheck-missing':
      return healthcheckMissing(df);
    case 'dockerfile/apt-unpinned':
      return aptUnpinned(df);
    case 'dockerfile/run-pattern':
      return runPattern(df, check.params.pattern, check.params.message);
    case 'dockerfile/secret-property':
      return secretProperty(df, check.params.names, check.params.exclude);
  }
}
