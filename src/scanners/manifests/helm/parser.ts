// Builds the syntax tree from lexed pieces: control structures (if/else if/range/with/define/block),
// pipelines with variable declarations, parenthesised sub-pipelines and field chains.
import { TemplateError, type Arg, type Branch, type Cmd, type ParsedTemplate, type Pipe, type TemplateNode } from './ast.js';
import { splitTemplate, type Piece, type Token } from './lexer.js';

type Frame =
  | { kind: 'root'; nodes: TemplateNode[] }
  | { kind: 'cond'; node: Extract<TemplateNode, { t: 'cond' }>; nodes: TemplateNode[]; inElse: boolean }
  | { kind: 'range'; node: Extract<TemplateNode, { t: 'range' }>; nodes: TemplateNode[]; inElse: boolean }
  | { kind: 'define'; name: string; nodes: TemplateNode[]; alsoCall: { pipe: Pipe | null; offset: number } | null };

export function parseTemplate(source: string, file: string): ParsedTemplate {
  const defines = new Map<string, TemplateNode[]>();
  const root: TemplateNode[] = [];
  const stack: Frame[] = [{ kind: 'root', nodes: root }];
  const top = (): Frame => stack[stack.length - 1]!;
  for (const piece of splitTemplate(source, file)) {
    if (piece.kind === 'text') {
      top().nodes.push({ t: 'text', text: piece.text, offset: piece.offset });
      continue;
    }
    handleAction(piece, file, stack, top, defines);
  }
  if (stack.length > 1) throw new TemplateError(file, source.length, `unexpected EOF: missing {{end}} for ${top().kind}`);
  return { file, source, nodes: root, defines };
}

function handleAction(
  piece: Extract<Piece, { kind: 'action' }>,
  file: string,
  stack: Frame[],
  top: () => Frame,
  defines: Map<string, TemplateNode[]>,
): void {
  const { tokens, offset } = piece;
  const first = tokens[0];
  if (!first) throw new TemplateError(file, offset, 'missing value for command');
  const word = first.kind === 'ident' ? first.text : '';
  const rest = tokens.slice(1);
  switch (word) {
    case 'if':
    case 'with': {
      const node: Extract<TemplateNode, { t: 'cond' }> = { t: 'cond', branches: [], elseBody: null, offset };
      const branch: Branch = { pipe: parsePipe(rest, file, offset, true), body: [], kind: word };
      node.branches.push(branch);
      top().nodes.push(node);
      stack.push({ kind: 'cond', node, nodes: branch.body, inElse: false });
      return;
    }
    case 'range': {
      const node: Extract<TemplateNode, { t: 'range' }> = {
        t: 'range',
        pipe: parsePipe(rest, file, offset, true),
        body: [],
        elseBody: null,
        offset,
      };
      top().nodes.push(node);
      stack.push({ kind: 'range', node, nodes: node.body, inElse: false });
      return;
    }
    case 'else': {
      const frame = top();
      if ((frame.kind !== 'cond' && frame.kind !== 'range') || frame.inElse) throw new TemplateError(file, offset, 'unexpected {{else}}');
      const chained = rest[0]?.kind === 'ident' && (rest[0].text === 'if' || rest[0].text === 'with') ? rest[0].text : null;
      if (chained && frame.kind === 'cond') {
        const branch: Branch = { pipe: parsePipe(rest.slice(1), file, offset, true), body: [], kind: chained };
        frame.node.branches.push(branch);
        frame.nodes = branch.body;
        return;
      }
      if (rest.length > 0) throw new TemplateError(file, offset, 'unexpected tokens after {{else}}');
      const body: TemplateNode[] = [];
      frame.node.elseBody = body;
      frame.nodes = body;
      frame.inElse = true;
      return;
    }
    case 'end': {
      const frame = top();
      if (frame.kind === 'root') throw new TemplateError(file, offset, 'unexpected {{end}}');
      stack.pop();
      if (frame.kind === 'define') {
        defines.set(frame.name, frame.nodes);
        if (frame.alsoCall) top().nodes.push({ t: 'template', name: frame.name, ...frame.alsoCall });
      }
      return;
    }
    case 'define':
    case 'block': {
      const name = rest[0];
      if (!name || name.kind !== 'string') throw new TemplateError(file, offset, `${word} needs a quoted template name`);
      if (word === 'define' && stack.length > 1) throw new TemplateError(file, offset, 'define is only allowed at the top level');
      const pipe = word === 'block' ? parsePipe(rest.slice(1), file, offset, false) : null;
      stack.push({ kind: 'define', name: String(name.value), nodes: [], alsoCall: word === 'block' ? { pipe, offset } : null });
      return;
    }
    case 'template': {
      const name = rest[0];
      if (!name || name.kind !== 'string') throw new TemplateError(file, offset, 'template needs a quoted template name');
      const pipe = rest.length > 1 ? parsePipe(rest.slice(1), file, offset, false) : null;
      top().nodes.push({ t: 'template', name: String(name.value), pipe, offset });
      return;
    }
    case 'break':
    case 'continue': {
      if (!stack.some((f) => f.kind === 'range')) throw new TemplateError(file, offset, `{{${word}}} outside {{range}}`);
      top().nodes.push({ t: word, offset });
      return;
    }
    default:
      top().nodes.push({ t: 'action', pipe: parsePipe(tokens, file, offset, true), offset });
  }
}

/** Parses `[$a[, $b] (:=|=)] cmd | cmd ...`. */
export function parsePipe(tokens: Token[], file: string, offset: number, allowDecl: boolean): Pipe {
  let rest = tokens;
  const decl: string[] = [];
  let assign = false;
  if (allowDecl && rest[0]?.kind === 'var') {
    const opIndex = rest[1]?.kind === 'comma' && rest[2]?.kind === 'var' ? 3 : 1;
    const op = rest[opIndex];
    if (op && (op.kind === 'declare' || op.kind === 'assign')) {
      decl.push(rest[0].text);
      if (opIndex === 3) decl.push(rest[2]!.text);
      assign = op.kind === 'assign';
      rest = rest.slice(opIndex + 1);
    }
  }
  const cmds: Cmd[] = [];
  let cursor = 0;
  while (cursor < rest.length) {
    const { cmd, next } = parseCommand(rest, cursor, file);
    cmds.push(cmd);
    cursor = next;
    if (cursor < rest.length) {
      if (rest[cursor]!.kind !== 'pipe') throw new TemplateError(file, rest[cursor]!.offset, `unexpected ${rest[cursor]!.text} in pipeline`);
      // Go's parser accepts a pipe left dangling before the closing delimiter ({{ x | nindent 4 | }})
      cursor++;
    }
  }
  if (cmds.length === 0) throw new TemplateError(file, offset, 'missing value for command');
  return { decl, assign, cmds, offset };
}

function parseCommand(tokens: Token[], start: number, file: string): { cmd: Cmd; next: number } {
  const args: Arg[] = [];
  let i = start;
  while (i < tokens.length && tokens[i]!.kind !== 'pipe') {
    const { arg, next } = parseArg(tokens, i, file);
    args.push(arg);
    i = next;
    if (tokens[i]?.kind === 'rparen') break;
  }
  return { cmd: { args, offset: tokens[start]!.offset }, next: i };
}

function chain(tokens: Token[], start: number): { names: string[]; next: number } {
  const names: string[] = [];
  let i = start;
  while (tokens[i]?.kind === 'field' && !tokens[i]!.spaced) names.push(tokens[i++]!.text.slice(1));
  return { names, next: i };
}

function parseArg(tokens: Token[], i: number, file: string): { arg: Arg; next: number } {
  const tok = tokens[i]!;
  switch (tok.kind) {
    case 'field': {
      const rest = chain(tokens, i + 1);
      return { arg: { t: 'field', names: [tok.text.slice(1), ...rest.names] }, next: rest.next };
    }
    case 'dot':
      return { arg: { t: 'dot' }, next: i + 1 };
    case 'var': {
      const rest = chain(tokens, i + 1);
      return { arg: { t: 'var', name: tok.text, names: rest.names }, next: rest.next };
    }
    case 'string':
    case 'number':
      return { arg: { t: 'lit', value: tok.value! }, next: i + 1 };
    case 'ident':
      if (tok.text === 'true' || tok.text === 'false') return { arg: { t: 'lit', value: tok.text === 'true' }, next: i + 1 };
      if (tok.text === 'nil') return { arg: { t: 'lit', value: null }, next: i + 1 };
      return { arg: { t: 'ident', name: tok.text }, next: i + 1 };
    case 'lparen': {
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        if (tokens[j]!.kind === 'lparen') depth++;
        else if (tokens[j]!.kind === 'rparen' && --depth === 0) break;
      }
      if (j >= tokens.length) throw new TemplateError(file, tok.offset, 'unclosed left paren');
      const pipe = parsePipe(tokens.slice(i + 1, j), file, tok.offset, false);
      const rest = chain(tokens, j + 1);
      return { arg: { t: 'sub', pipe, names: rest.names }, next: rest.next };
    }
    default:
      throw new TemplateError(file, tok.offset, `unexpected ${JSON.stringify(tok.text)} in command`);
  }
}
