import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, LoneAnonymousOperationRule, parse, specifiedRules, validate } from 'graphql';

/**
 * Every ```graphql block of the README and the docs is something a reader pastes into the explorer: each
 * must parse and validate against the public API (schema/api.graphql), so a renamed field or input fails
 * here rather than in a newcomer's hands. A block may hold several operations, anonymous ones included
 * (each is pasted and run on its own).
 */
const root = path.resolve(__dirname, '../..');

function documents(): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  const readmes = readdirSync(path.join(root, 'subgraphs'))
    .map((name) => path.join('subgraphs', name, 'README.md'))
    .filter((file) => existsSync(path.join(root, file)));
  return ['README.md', 'schema/README.md', 'gateway/README.md', ...docs, ...readmes].filter((file) => existsSync(path.join(root, file)));
}

function graphqlBlocks(file: string): { line: number; source: string }[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((match) => ({
    line: text.slice(0, match.index).split('\n').length,
    source: match[1],
  }));
}

describe('GraphQL in the README and docs', () => {
  const schema = buildSchema(readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));
  const rules = specifiedRules.filter((rule) => rule !== LoneAnonymousOperationRule);
  const blocks = documents().flatMap((file) => graphqlBlocks(file).map((block) => ({ file, ...block })));

  it('finds the walk-throughs’ blocks (the README’s after-sale one among them)', () => {
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThan(0);
    expect(blocks.some((block) => block.file === 'docs/order-saga.md')).toBe(true);
  });

  it('validates every block against schema/api.graphql', () => {
    const problems = blocks.flatMap(({ file, line, source }) => {
      try {
        return validate(schema, parse(source), rules).map((error) => `${file}:${line}: ${error.message}`);
      } catch (error) {
        return [`${file}:${line}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });
});
