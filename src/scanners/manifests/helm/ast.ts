import type { SourcePos } from '../types.js';
import type { Prov } from './provenance.js';

// The syntax tree of a Go text/template as Helm uses it. Offsets index the template's own text, so
// every node can be turned into a file:line for errors and for source mapping.

export type Arg =
  | { t: 'field'; names: string[] }
  | { t: 'var'; name: string; names: string[] }
  | { t: 'dot' }
  | { t: 'ident'; name: string }
  | { t: 'lit'; value: string | number | boolean | null }
  | { t: 'sub'; pipe: Pipe; names: string[] };

export interface Cmd {
  args: Arg[];
  offset: number;
}

export interface Pipe {
  /** Variables declared (`:=`) or assigned (`=`) by this pipeline. */
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
  offset: number;
}

export interface Branch {
  pipe: Pipe;
  body: TemplateNode[];
  /** `with` branches rebind dot; `if` branches do not (an `else with` chain mixes them). */
  kind: 'if' | 'with';
}

export type TemplateNode =
  | { t: 'text'; text: string; offset: number }
  | { t: 'action'; pipe: Pipe; offset: number }
  | { t: 'cond'; branches: Branch[]; elseBody: TemplateNode[] | null; offset: number }
  | { t: 'range'; pipe: Pipe; body: TemplateNode[]; elseBody: TemplateNode[] | null; offset: number }
  | { t: 'template'; name: string; pipe: Pipe | null; offset: number }
  | { t: 'break' | 'continue'; offset: number };

/** A parsed template file: its output nodes and the named templates it defines. */
export interface ParsedTemplate {
  file: string;
  source: string;
  nodes: TemplateNode[];
  defines: Map<string, TemplateNode[]>;
  /** Set for strings rendered by `tpl`: the calling action, where offsets have no better place. */
  fixedAt?: SourcePos;
  /** For `tpl`: provenance of the template string itself, so its text keeps its values lines. */
  sourceProv?: Prov;
}

/** A template-level failure with the file and offset it happened at; becomes a per-file ScanError. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}
