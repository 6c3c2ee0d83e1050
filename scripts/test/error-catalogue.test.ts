import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * docs/errors.md lists every `extensions.code` and every `userErrors.code` a client can meet. The codes
 * are read FROM THE SOURCES (subgraphs/*\/src and gateway/src, tests excluded), so a new code without a
 * row in the catalogue fails here, and so does a row whose code is gone from the code.
 *
 * What counts as a code, found with the TypeScript parser rather than a grep:
 *  - userErrors: the first argument of `UserError.of('CODE', …)`, per subgraph;
 *  - extensions: members of the kit's `ErrorCode` enum, the values of a `const …Code = { key: 'CODE' }`
 *    table (the gateway's `LimitCode`), every uppercase string literal in the kit's errors module (the
 *    Apollo request codes it lets through), `code: 'CODE'` in object literals, `x.code = 'CODE'`, and a
 *    literal passed as the `code` parameter of a function of the same file (the gateway's subscription
 *    `failure(message, code)`).
 *  - a code may be named through one of those tables (`UserError.of(ErrorCode.RATE_LIMITED, …)`).
 */
const root = path.resolve(__dirname, '../..');
const CATALOGUE = 'docs/errors.md';
const CODE = /^[A-Z][A-Z0-9_]*$/;

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') && !/\.(test|d)\.ts$/.test(entry.name) ? [relative] : [];
  });
}

const packageDirs = [
  ...readdirSync(path.join(root, 'subgraphs'))
    .filter((name) => existsSync(path.join(root, 'subgraphs', name, 'src')))
    .map((name) => ({ name, dir: `subgraphs/${name}/src` })),
  { name: 'gateway', dir: 'gateway/src' },
];

/** code → where it arises ("file:line"), and for userErrors the packages that return it. */
interface Found {
  extensionCodes: Map<string, string[]>;
  userErrorCodes: Map<string, { packages: Set<string>; at: string[] }>;
}

/** Is `node` a table of codes: `const <Name>Code = { key: 'CODE', … }` (optionally `as const`)? Its name and literal. */
function codeTable(node: ts.Node): { name: string; members: ts.ObjectLiteralExpression } | null {
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.name.text.endsWith('Code') || !node.initializer) return null;
  const members = ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
  return ts.isObjectLiteralExpression(members) ? { name: node.name.text, members } : null;
}

/** The `ErrorCode` enum's and the code tables' members, across the sources: `Table.member` → its code. */
function codeTables(files: { source: ts.SourceFile }[]): Map<string, string> {
  const codes = new Map<string, string>();
  const visit = (node: ts.Node) => {
    const table = codeTable(node);
    if (ts.isEnumDeclaration(node) && node.name.text === 'ErrorCode') {
      for (const member of node.members) {
        if (ts.isIdentifier(member.name) && member.initializer && ts.isStringLiteral(member.initializer)) {
          codes.set(`ErrorCode.${member.name.text}`, member.initializer.text);
        }
      }
    } else if (table) {
      for (const member of table.members.properties) {
        if (ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && ts.isStringLiteralLike(member.initializer)) {
          codes.set(`${table.name}.${member.name.text}`, member.initializer.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const { source } of files) visit(source);
  return codes;
}

function extractCodes(): Found {
  const found: Found = { extensionCodes: new Map(), userErrorCodes: new Map() };
  const addExtension = (code: string, at: string) => found.extensionCodes.set(code, [...new Set([...(found.extensionCodes.get(code) ?? []), at])]);
  const addUserError = (code: string, pkg: string, at: string) => {
    const entry = found.userErrorCodes.get(code) ?? { packages: new Set<string>(), at: [] };
    entry.packages.add(pkg);
    entry.at.push(at);
    found.userErrorCodes.set(code, entry);
  };

  const files = packageDirs.flatMap(({ name: pkg, dir }) =>
    sourceFiles(dir).map((file) => ({
      pkg,
      file,
      source: ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true),
    })),
  );
  const tables = codeTables(files);
  /** A literal code, or one named through a table (`ErrorCode.NOT_FOUND`, `LimitCode.cost`). */
  const codeOf = (node: ts.Node | undefined) =>
    !node ? undefined : ts.isStringLiteralLike(node) ? node.text : ts.isPropertyAccessExpression(node) ? tables.get(node.getText()) : undefined;

  for (const { pkg, file, source } of files) {
    const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const inErrorsModule = file.startsWith(path.join('subgraphs', 'kit', 'src', 'errors') + path.sep);

    // functions of this file taking a parameter named `code`: name → its position
    const codeParameters = new Map<string, number>();
    const collect = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name) {
        const index = node.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === 'code');
        if (index >= 0) codeParameters.set(node.name.text, index);
      }
      ts.forEachChild(node, collect);
    };
    collect(source);

    const visit = (node: ts.Node) => {
      if (ts.isEnumDeclaration(node) && node.name.text === 'ErrorCode') {
        for (const member of node.members) {
          if (member.initializer && ts.isStringLiteral(member.initializer)) addExtension(member.initializer.text, where(member));
        }
      } else if (codeTable(node)) {
        for (const member of codeTable(node)!.members.properties) {
          if (ts.isPropertyAssignment(member) && ts.isStringLiteralLike(member.initializer)) addExtension(member.initializer.text, where(member));
        }
      } else if (inErrorsModule && ts.isStringLiteral(node) && CODE.test(node.text) && node.text.length > 2) {
        addExtension(node.text, where(node));
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const [first] = node.arguments;
        if (
          ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 'of' &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'UserError'
        ) {
          const code = codeOf(first);
          if (code === undefined) throw new Error(`${where(node)}: UserError.of needs a literal code so docs/errors.md can be checked`);
          addUserError(code, pkg, where(node));
        } else if (ts.isIdentifier(callee) && codeParameters.has(callee.text)) {
          const argument = node.arguments[codeParameters.get(callee.text) ?? -1];
          if (argument && ts.isStringLiteralLike(argument)) addExtension(argument.text, where(argument));
        }
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'code' && ts.isStringLiteralLike(node.initializer)) {
        addExtension(node.initializer.text, where(node));
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.name.text === 'code' &&
        ts.isStringLiteralLike(node.right)
      ) {
        addExtension(node.right.text, where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The rows of the catalogue's two tables: the first cell is the code, the second (userErrors) the packages. */
function documentedCodes(): { extensionCodes: Set<string>; userErrorCodes: Map<string, Set<string>> } {
  const text = readFileSync(path.join(root, CATALOGUE), 'utf8');
  const sections = text.split(/^## /m);
  const sectionAbout = (marker: string) => {
    const matching = sections.filter((section) => section.split('\n')[0].includes(marker));
    if (matching.length !== 1) throw new Error(`${CATALOGUE} needs exactly one "## …${marker}…" heading, found ${matching.length}`);
    return matching[0];
  };
  const rows = (section: string) =>
    section
      .split('\n')
      .map((line) => /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|([^|]*)\|/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
  const extensionCodes = new Set(rows(sectionAbout('`extensions.code`')).map(([, code]) => code));
  const userErrorCodes = new Map(
    rows(sectionAbout('`userErrors.code`')).map(([, code, packages]) => [
      code,
      new Set(
        packages
          .split(',')
          .map((name) => name.replace(/[`*]/g, '').trim())
          .filter(Boolean),
      ),
    ]),
  );
  return { extensionCodes, userErrorCodes };
}

const difference = (a: Iterable<string>, b: { has(value: string): boolean }) => [...a].filter((value) => !b.has(value)).sort();

describe('the error-code catalogue (docs/errors.md)', () => {
  const code = extractCodes();
  const docs = documentedCodes();

  it('finds the codes in the sources (sanity check of this test)', () => {
    expect([...code.extensionCodes.keys()]).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE']),
    );
    expect([...code.userErrorCodes.keys()]).toEqual(expect.arrayContaining(['INSUFFICIENT_STOCK', 'PAYMENT_DECLINED', 'INVALID_TRANSITION']));
    expect(code.userErrorCodes.get('NOT_FOUND')?.packages.size).toBeGreaterThan(2);
  });

  it('documents every extensions.code the code raises, and no other', () => {
    const undocumented = difference(code.extensionCodes.keys(), docs.extensionCodes).map((c) => `${c} (raised at ${code.extensionCodes.get(c)?.join(', ')})`);
    const gone = difference(docs.extensionCodes, code.extensionCodes);
    expect({ undocumented, documentedButNotInTheCode: gone }).toEqual({ undocumented: [], documentedButNotInTheCode: [] });
  });

  it('documents every userErrors.code the subgraphs return, and no other', () => {
    const undocumented = difference(code.userErrorCodes.keys(), docs.userErrorCodes).map(
      (c) => `${c} (returned at ${code.userErrorCodes.get(c)?.at.join(', ')})`,
    );
    const gone = difference(docs.userErrorCodes.keys(), code.userErrorCodes);
    expect({ undocumented, documentedButNotInTheCode: gone }).toEqual({ undocumented: [], documentedButNotInTheCode: [] });
  });

  it('names, for each userErrors.code, exactly the subgraphs that return it', () => {
    const wrong = [...code.userErrorCodes]
      .filter(([c]) => docs.userErrorCodes.has(c))
      .map(([c, { packages }]) => ({ code: c, inCode: [...packages].sort(), documented: [...(docs.userErrorCodes.get(c) ?? [])].sort() }))
      .filter(({ inCode, documented }) => inCode.join() !== documented.join());
    expect(wrong).toEqual([]);
  });
});
