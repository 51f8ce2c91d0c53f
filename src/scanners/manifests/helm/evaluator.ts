// Executes parsed templates: pipelines, variables, control flow and named templates, within a step
// budget, an output size limit and a nesting depth limit. Nothing here reads files, the environment
// or the network: the only inputs are the parsed templates and the data handed in.
import type { Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { TemplateError, type Arg, type Cmd, type ParsedTemplate, type Pipe, type TemplateNode } from './ast.js';
import { formatValue, isMap, truthy } from './format.js';
import { lookupFunction } from './functions/index.js';
import { FunctionError, type CallContext } from './functions/types.js';
import { Output, OutputLimitError } from './output.js';
import { parseTemplate } from './parser.js';
import { lineStarts, positionIn } from './positions.js';
import { DEFAULT_LIMITS, type RenderLimits } from './limits.js';
import { provenanceOf, shift, whole, type Prov, type Tracked } from './provenance.js';

export { DEFAULT_LIMITS, type RenderLimits } from './limits.js';

interface Define {
  nodes: TemplateNode[];
  tpl: ParsedTemplate;
}

class BreakSignal {}
class ContinueSignal {}

type Scope = Map<string, Tracked>[];

export interface Rendered {
  text: string;
  prov: Prov;
}

/** One rendering session over a set of templates that share their `define`s. */
export class Evaluator {
  private readonly defines = new Map<string, Define>();
  private readonly lineStarts = new WeakMap<ParsedTemplate, number[]>();
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly origins: Origins,
    private readonly limits: RenderLimits = DEFAULT_LIMITS,
  ) {}

  /** Registers the named templates of a parsed file (later files override earlier ones, as in Helm). */
  addDefines(tpl: ParsedTemplate): void {
    for (const [name, nodes] of tpl.defines) this.defines.set(name, { nodes, tpl });
  }

  /** Makes a whole file callable by name, as Helm does (`include (print $.Template.BasePath "/cm.yaml") .`). */
  addFileTemplate(name: string, tpl: ParsedTemplate): void {
    if (!this.defines.has(name)) this.defines.set(name, { nodes: tpl.nodes, tpl });
  }

  /** Renders one file; throws TemplateError for anything that stops it. */
  render(tpl: ParsedTemplate, dot: Tracked): Rendered {
    this.steps = 0;
    this.depth = 0;
    const out = new Output(this.limits.maxOutput);
    try {
      this.execList(tpl, tpl.nodes, dot, [new Map([['$', dot]])], out);
    } catch (e) {
      if (e instanceof OutputLimitError) throw new TemplateError(tpl.file, 0, e.message);
      throw e;
    }
    return { text: out.text(), prov: out.segs };
  }

  posOf(tpl: ParsedTemplate, offset: number): SourcePos {
    if (tpl.fixedAt) return tpl.fixedAt;
    let starts = this.lineStarts.get(tpl);
    if (!starts) this.lineStarts.set(tpl, (starts = lineStarts(tpl.source)));
    return positionIn(tpl.file, starts, offset);
  }

  private step(tpl: ParsedTemplate, offset: number, cost = 1): void {
    this.steps += cost;
    if (this.steps > this.limits.maxSteps) {
      throw new TemplateError(tpl.file, offset, `rendering exceeded the budget of ${this.limits.maxSteps} evaluation steps`);
    }
  }

  private execList(tpl: ParsedTemplate, nodes: TemplateNode[], dot: Tracked, scope: Scope, out: Output): void {
    for (const node of nodes) this.exec(tpl, node, dot, scope, out);
  }

  private exec(tpl: ParsedTemplate, node: TemplateNode, dot: Tracked, scope: Scope, out: Output): void {
    this.step(tpl, node.offset);
    switch (node.t) {
      case 'text':
        if (tpl.fixedAt) out.value(node.text, tpl.sourceProv ? shift(tpl.sourceProv, -node.offset, 0, node.text.length) : undefined, tpl.fixedAt);
        else out.literal(node.text, this.posOf(tpl, node.offset));
        return;
      case 'action': {
        const result = this.evalPipe(tpl, node.pipe, dot, scope, true);
        if (node.pipe.decl.length > 0) return;
        const text = typeof result.v === 'string' ? result.v : formatValue(result.v);
        out.value(text, result.p, this.posOf(tpl, node.offset));
        return;
      }
      case 'cond': {
        for (const branch of node.branches) {
          const inner: Scope = [...scope, new Map()];
          const value = this.evalPipe(tpl, branch.pipe, dot, inner, true);
          if (truthy(value.v)) {
            this.execList(tpl, branch.body, branch.kind === 'with' ? value : dot, inner, out);
            return;
          }
        }
        if (node.elseBody) this.execList(tpl, node.elseBody, dot, [...scope, new Map()], out);
        return;
      }
      case 'range':
        this.execRange(tpl, node, dot, scope, out);
        return;
      case 'template': {
        const arg = node.pipe ? this.evalPipe(tpl, node.pipe, dot, scope, false) : { v: null };
        this.callNamed(tpl, node.offset, node.name, arg, out);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private execRange(tpl: ParsedTemplate, node: Extract<TemplateNode, { t: 'range' }>, dot: Tracked, scope: Scope, out: Output): void {
    const coll = this.evalPipe(tpl, node.pipe, dot, scope, false);
    const items: [Tracked, Tracked][] = [];
    const v = coll.v;
    const originOf = (container: object, key: string | number): Prov | undefined => {
      const at = this.origins.get(container, key);
      return at ? whole(at) : undefined;
    };
    if (Array.isArray(v)) v.forEach((item, i) => items.push([{ v: i }, { v: item, p: originOf(v, i) }]));
    else if (isMap(v)) for (const k of Object.keys(v).sort()) items.push([{ v: k, p: originOf(v, k) }, { v: v[k], p: originOf(v, k) }]);
    else if (typeof v === 'number' && Number.isInteger(v)) for (let i = 0; i < v; i++) items.push([{ v: i }, { v: i }]);
    else if (v !== null && v !== undefined && v !== false && v !== '') {
      throw new TemplateError(tpl.file, node.offset, `range can't iterate over ${formatValue(v).slice(0, 40)}`);
    }
    if (items.length === 0) {
      if (node.elseBody) this.execList(tpl, node.elseBody, dot, [...scope, new Map()], out);
      return;
    }
    const decl = node.pipe.decl;
    for (const [key, item] of items) {
      this.step(tpl, node.offset);
      const vars = new Map<string, Tracked>();
      if (decl.length === 1) vars.set(decl[0]!, item);
      if (decl.length === 2) {
        vars.set(decl[0]!, key);
        vars.set(decl[1]!, item);
      }
      try {
        this.execList(tpl, node.body, item, [...scope, vars], out);
      } catch (e) {
        if (e instanceof BreakSignal) break;
        if (e instanceof ContinueSignal) continue;
        throw e;
      }
    }
  }

  private callNamed(tpl: ParsedTemplate, offset: number, name: string, dot: Tracked, out: Output): void {
    const def = this.defines.get(name);
    if (!def) throw new TemplateError(tpl.file, offset, `no template named ${JSON.stringify(name)}`);
    if (++this.depth > this.limits.maxDepth) {
      throw new TemplateError(tpl.file, offset, `template nesting deeper than ${this.limits.maxDepth} (recursive include of ${JSON.stringify(name)}?)`);
    }
    try {
      this.execList(def.tpl, def.nodes, dot, [new Map([['$', dot]])], out);
    } finally {
      this.depth--;
    }
  }

  private renderNamed(tpl: ParsedTemplate, offset: number, name: string, dot: Tracked): Tracked {
    const out = new Output(this.limits.maxOutput);
    this.callNamed(tpl, offset, name, dot, out);
    return { v: out.text(), p: out.segs };
  }

  private renderString(tpl: ParsedTemplate, offset: number, text: Tracked, dot: Tracked): Tracked {
    const source = String(text.v);
    const fixedAt = this.posOf(tpl, offset);
    if (++this.depth > this.limits.maxDepth) throw new TemplateError(tpl.file, offset, `tpl nesting deeper than ${this.limits.maxDepth}`);
    const out = new Output(this.limits.maxOutput);
    try {
      const inner = { ...parseTemplate(source, tpl.file), fixedAt, ...(text.p ? { sourceProv: text.p } : {}) };
      this.addDefines(inner);
      this.execList(inner, inner.nodes, dot, [new Map([['$', dot]])], out);
    } catch (e) {
      // offsets inside the tpl string mean nothing in the file: report at the calling action
      if (e instanceof TemplateError && e.file === tpl.file) throw new TemplateError(tpl.file, offset, `tpl: ${e.reason}`);
      throw e;
    } finally {
      this.depth--;
    }
    return { v: out.text(), p: out.segs };
  }

  private evalPipe(tpl: ParsedTemplate, pipe: Pipe, dot: Tracked, scope: Scope, bind: boolean): Tracked {
    let result: Tracked | undefined;
    for (const cmd of pipe.cmds) result = this.evalCmd(tpl, cmd, dot, scope, result);
    const value = result ?? { v: null };
    if (bind && pipe.decl.length === 1) {
      const name = pipe.decl[0]!;
      if (pipe.assign) {
        const frame = [...scope].reverse().find((f) => f.has(name));
        if (!frame) throw new TemplateError(tpl.file, pipe.offset, `undefined variable: ${name}`);
        frame.set(name, value);
      } else scope[scope.length - 1]!.set(name, value);
    }
    return value;
  }

  private evalCmd(tpl: ParsedTemplate, cmd: Cmd, dot: Tracked, scope: Scope, piped: Tracked | undefined): Tracked {
    this.step(tpl, cmd.offset);
    const [first, ...rest] = cmd.args;
    if (!first) throw new TemplateError(tpl.file, cmd.offset, 'empty command');
    if (first.t === 'ident') {
      const args = rest.map((a) => this.evalArg(tpl, a, dot, scope, cmd.offset));
      if (piped) args.push(piped);
      return this.call(tpl, cmd.offset, first.name, args, dot);
    }
    if (rest.length === 0 && !piped) return this.evalArg(tpl, first, dot, scope, cmd.offset);
    const args = rest.map((a) => this.evalArg(tpl, a, dot, scope, cmd.offset));
    if (piped) args.push(piped);
    return this.evalArg(tpl, first, dot, scope, cmd.offset, args);
  }

  private evalArg(tpl: ParsedTemplate, arg: Arg, dot: Tracked, scope: Scope, offset: number, callArgs?: Tracked[]): Tracked {
    switch (arg.t) {
      case 'lit':
        return { v: arg.value };
      case 'dot':
        return dot;
      case 'ident':
        return this.call(tpl, offset, arg.name, callArgs ?? [], dot);
      case 'field':
        return this.chain(tpl, offset, dot, arg.names, callArgs);
      case 'var': {
        const frame = [...scope].reverse().find((f) => f.has(arg.name));
        if (!frame) throw new TemplateError(tpl.file, offset, `undefined variable: ${arg.name}`);
        return this.chain(tpl, offset, frame.get(arg.name)!, arg.names, callArgs);
      }
      case 'sub':
        return this.chain(tpl, offset, this.evalPipe(tpl, arg.pipe, dot, scope, false), arg.names, callArgs);
    }
  }

  /** Field chain `.a.b.c`; a method at the end of the chain takes `callArgs`, inner methods none. */
  private chain(tpl: ParsedTemplate, offset: number, start: Tracked, names: string[], callArgs?: Tracked[]): Tracked {
    let cur = start;
    for (const [i, name] of names.entries()) {
      const container = cur.v;
      if (container === null || container === undefined) return { v: undefined };
      if (!isMap(container)) {
        throw new TemplateError(tpl.file, offset, `can't evaluate field ${name} in type ${Array.isArray(container) ? 'slice' : typeof container}`);
      }
      const value = Object.hasOwn(container, name) ? container[name] : undefined;
      const at = this.origins.get(container, name);
      cur = { v: value, ...(at ? { p: whole(at) } : {}) };
      if (typeof value === 'function') {
        const args = i === names.length - 1 ? (callArgs ?? []) : [];
        cur = this.invokeMethod(tpl, offset, name, value as (...a: unknown[]) => unknown, args);
        if (i === names.length - 1) return cur;
      }
    }
    if (callArgs && callArgs.length > 0) {
      throw new TemplateError(tpl.file, offset, `can't give argument to non-function ${names.length ? `.${names.join('.')}` : 'value'}`);
    }
    return cur;
  }

  private invokeMethod(tpl: ParsedTemplate, offset: number, name: string, fn: (...a: unknown[]) => unknown, args: Tracked[]): Tracked {
    try {
      return { v: fn(...args.map((a) => a.v)) };
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw new TemplateError(tpl.file, offset, `${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Strings are bounded like output, so a chain of growing calls stops early. */
  private checkSize(tpl: ParsedTemplate, offset: number, name: string, text: string): void {
    this.step(tpl, offset, text.length / 256);
    if (text.length > this.limits.maxOutput) throw new TemplateError(tpl.file, offset, `${name} produced more than ${this.limits.maxOutput} characters`);
  }

  private call(tpl: ParsedTemplate, offset: number, name: string, args: Tracked[], dot: Tracked): Tracked {
    this.step(tpl, offset);
    const fn = lookupFunction(name);
    if (!fn) throw new TemplateError(tpl.file, offset, `unsupported function "${name}"`);
    const ctx: CallContext = {
      at: this.posOf(tpl, offset),
      origins: this.origins,
      include: (n, d) => this.renderNamed(tpl, offset, n, d),
      tpl: (text, d) => this.renderString(tpl, offset, text, d),
      step: (cost) => this.step(tpl, offset, Math.ceil(cost)),
    };
    void dot;
    try {
      if (fn.kind === 'tracked') {
        const result = fn.fn(args, ctx);
        if (typeof result.v === 'string') this.checkSize(tpl, offset, name, result.v);
        return result;
      }
      const result = fn.fn(...args.map((a) => a.v));
      if (typeof result === 'string') this.checkSize(tpl, offset, name, result);
      return { v: result, ...provenanceOf(result, args) };
    } catch (e) {
      if (e instanceof TemplateError || e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof OutputLimitError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof FunctionError) throw new TemplateError(tpl.file, offset, message.startsWith(name) ? message : `${name}: ${message}`);
      throw new TemplateError(tpl.file, offset, `error calling ${name}: ${message}`);
    }
  }
}
