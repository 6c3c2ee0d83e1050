import Handlebars from 'handlebars';
import type { TemplateVariable } from './template-variable';
import { HELPER_PARAMETER_TYPES } from './template-format';

/** The three parts of an email template. */
export type TemplatePart = 'subject' | 'html' | 'text';

/** Why a template part is refused. */
export interface TemplateProblem {
  part: TemplatePart;
  message: string;
}

/** Block helpers templates may use; `each` only over a List variable. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);
/** Data variables `{{#each}}` sets. */
const EACH_DATA = new Set(['index', 'first', 'last']);

interface Scope {
  variables: readonly TemplateVariable[];
  parent: Scope | null;
  inEach: boolean;
}

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/**
 * Checks one part of a template against its key's variable set by walking the Handlebars AST: it must parse, and may
 * name only the key's variables (inside `{{#each list}}`, the list items' fields; `../name` reaches out), the format
 * helpers (`money`, `date`, `dateTime`, `number`, each with one argument of its type) and `if`/`unless`/`each`.
 * Partials, decorators and, in the HTML part, raw `{{{ }}}` output are refused: data is always HTML-escaped there.
 * Returns the problems found (at most a few, the first of each kind), empty when the part is good.
 */
export function validateTemplatePart(part: TemplatePart, source: string, variables: readonly TemplateVariable[]): TemplateProblem[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [{ part, message: `does not compile: ${String((error as Error).message).split('\n')[0]}` }];
  }
  const problems: string[] = [];
  const refuse = (message: string) => {
    if (!problems.includes(message) && problems.length < 5) problems.push(message);
  };

  const lookup = (path: hbs.AST.PathExpression, scope: Scope): TemplateVariable | null | 'this' => {
    if (path.data) {
      if (!(scope.inEach && path.parts.length === 1 && EACH_DATA.has(path.parts[0]))) refuse(`uses @${path.parts.join('.')}, which is not available here`);
      return null;
    }
    let target: Scope | null = scope;
    for (let depth = 0; depth < path.depth && target; depth += 1) target = target.parent;
    if (!target) {
      refuse(`reaches out of the template with ${path.original}`);
      return null;
    }
    if (path.parts.length === 0) return 'this';
    const [name, ...rest] = path.parts;
    const variable = target.variables.find((candidate) => candidate.name === name);
    if (!variable) {
      refuse(`uses the unknown variable ${path.original}`);
      return null;
    }
    if (rest.length > 0 && !(variable.type === 'Money' && rest.length === 1 && (rest[0] === 'amount' || rest[0] === 'currencyCode'))) {
      refuse(`uses ${path.original}, but ${name} has no such field`);
      return null;
    }
    return rest.length > 0 ? null : variable;
  };

  const expression = (node: Expression, scope: Scope): TemplateVariable | null | 'this' => {
    switch (node.type) {
      case 'PathExpression':
        return lookup(node as hbs.AST.PathExpression, scope);
      case 'SubExpression':
        call(node as hbs.AST.SubExpression, scope);
        return null;
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return null;
      default:
        refuse(`uses an unsupported expression (${node.type})`);
        return null;
    }
  };

  /** A helper call `{{helper arg}}` or `(helper arg)`. */
  const call = (node: { path: Expression; params: Expression[]; hash?: hbs.AST.Hash }, scope: Scope) => {
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const expected = HELPER_PARAMETER_TYPES[name];
    if (!expected) {
      refuse(`calls the unknown helper ${name || node.path.type}`);
      return;
    }
    if (node.params.length !== 1 || (node.hash && node.hash.pairs.length > 0)) refuse(`calls ${name} with ${node.params.length} arguments; it takes one`);
    for (const param of node.params) {
      const variable = expression(param, scope);
      if (variable && variable !== 'this' && variable.type !== expected)
        refuse(`calls ${name} with ${variable.name}, a ${variable.type}; it takes a ${expected}`);
    }
  };

  const statement = (node: Node, scope: Scope) => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (part === 'html' && !mustache.escaped) refuse('uses {{{ }}}: the HTML part always escapes data');
        if (mustache.params.length > 0 || (mustache.hash && mustache.hash.pairs.length > 0) || helperNamed(mustache.path)) call(mustache, scope);
        else {
          const variable = expression(mustache.path, scope);
          if (variable && variable !== 'this' && variable.type === 'List') refuse(`prints the list ${variable.name}; use {{#each ${variable.name}}}`);
        }
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const name = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (!BLOCK_HELPERS.has(name)) {
          refuse(`uses the unknown block {{#${name || block.path.type}}}`);
          return;
        }
        if (block.params.length !== 1 || (block.hash && block.hash.pairs.length > 0))
          refuse(`uses {{#${name}}} with ${block.params.length} arguments; it takes one`);
        const subject = block.params[0] ? expression(block.params[0], scope) : null;
        let inner = scope;
        if (name === 'each') {
          if (subject && subject !== 'this' && subject.type === 'List') inner = { variables: subject.items ?? [], parent: scope, inEach: true };
          else if (subject !== null) refuse(`uses {{#each}} over something that is not a list`);
        }
        if (block.program) program_(block.program, inner);
        if (block.inverse) program_(block.inverse, scope);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        refuse('uses a partial ({{> …}}), which templates cannot');
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        refuse('uses a decorator, which templates cannot');
        return;
      default:
        refuse(`uses an unsupported statement (${node.type})`);
    }
  };
  const program_ = (node: hbs.AST.Program, scope: Scope) => node.body.forEach((child) => statement(child, scope));

  program_(program, { variables, parent: null, inEach: false });
  return problems.map((message) => ({ part, message }));
}

function helperNamed(path: Expression): boolean {
  return path.type === 'PathExpression' && (path as hbs.AST.PathExpression).original in HELPER_PARAMETER_TYPES;
}
