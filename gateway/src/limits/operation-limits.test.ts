import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildASTSchema, Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { loadGatewayConfig } from '../gateway-config';
import { costModelFromSupergraph, operationCost, type CostModel } from './operation-cost';
import { validateGatewayOperation, type GatewayOperationCheck } from './operation-limits';

const root = path.resolve(__dirname, '../../..');
const SUBGRAPHS = ['accounts', 'stores', 'catalog', 'inventory', 'cart', 'orders', 'payments', 'customers', 'notifications', 'shipping'];

/** The supergraph as `npm run schema` composes it from the built subgraphs (each printed in its own process). */
function composeSupergraph(): string {
  const services = SUBGRAPHS.map((name) => {
    const script = `require('reflect-metadata'); const { printSubgraphSchema } = require('@apollo/subgraph');
      require(${JSON.stringify(path.join(root, 'subgraphs', name, 'dist', `${name}.subgraph.js`))})[${JSON.stringify(`${name}Subgraph`)}]
        .schema().then((schema) => process.stdout.write(printSubgraphSchema(schema)));`;
    const sdl = execFileSync(process.execPath, ['-e', script], { cwd: path.join(root, 'subgraphs', name), encoding: 'utf8' });
    return { name, url: `http://127.0.0.1/${name}`, typeDefs: parse(sdl) };
  });
  const composition = composeServices(services);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  return composition.supergraphSdl;
}

const TINY = `
  schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"]) { query: Query mutation: Mutation }
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  type Query {
    products(first: Int): ProductConnection! @listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)
    order(id: ID!): Order
    undeclared: [Payment!]!
  }
  type Mutation { placeOrder: Order }
  type ProductConnection { nodes: [Product!]! edges: [ProductEdge!]! totalCount: Int! }
  type ProductEdge { cursor: String! node: Product! }
  type Product { id: ID! stock: Int! price: Int! @cost(weight: 3) }
  type Order { id: ID! payments: [Payment!]! @listSize(assumedSize: 5) }
  type Payment { id: ID! order: Order }
`;

describe('operationCost', () => {
  const model = costModelFromSupergraph(TINY, 10);
  const cost = (query: string, variables?: Record<string, unknown>) => operationCost(parse(query), variables, model);

  it('prices objects at 1 and scalars at 0, @cost overriding', () => {
    expect(cost('{ order(id: "1") { id } }')).toBe(1);
    expect(cost('{ products(first: 1) { nodes { id price } } }')).toBe(1 + 1 * (1 + 3));
  });

  it('multiplies a connection by first, variables and defaults resolved, else by its assumed size', () => {
    expect(cost('{ products(first: 100) { totalCount nodes { id } edges { node { id } } } }')).toBe(1 + 100 * 1 + 100 * (1 + 1));
    expect(cost('query($n: Int) { products(first: $n) { nodes { id } } }', { n: 50 })).toBe(51);
    expect(cost('query($n: Int = 7) { products(first: $n) { nodes { id } } }', {})).toBe(8);
    expect(cost('{ products { nodes { id } } }')).toBe(21);
  });

  it('uses a plain list’s assumed size, else the default, through fragments', () => {
    expect(cost('{ order(id: "1") { ...O } } fragment O on Order { payments { id } }')).toBe(1 + 5);
    expect(cost('{ undeclared { id } }')).toBe(10);
    // the chained fragments that went 80 levels deep under the old depth rule now also cost what they are
    expect(cost('{ order(id: "1") { payments { order { payments { order { id } } } } } }')).toBe(1 + 5 * (1 + 1 + 5 * (1 + 1)));
  });

  it('weighs a root mutation field 10 and honours @skip/@include', () => {
    expect(cost('mutation { placeOrder { id } }')).toBe(10);
    expect(cost('query($no: Boolean!) { order(id: "1") @include(if: $no) { id } }', { no: false })).toBe(0);
  });
});

describe('the gateway’s limits on the real supergraph', () => {
  let supergraph: string;
  let model: CostModel;
  let check: GatewayOperationCheck;
  const limits = loadGatewayConfig({}).limits;

  beforeAll(() => {
    supergraph = composeSupergraph();
    model = costModelFromSupergraph(supergraph, limits.defaultListSize);
    check = {
      schema: buildASTSchema(parse(supergraph), { assumeValidSDL: true }),
      limits,
      exposure: { introspection: true, fieldSuggestions: true },
      costModel: model,
    };
  }, 60_000);

  it('keeps the subgraphs’ @cost/@listSize declarations through composition', () => {
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(model.listSizes.get('Order.payments')).toEqual({ assumedSize: 5, slicingArguments: undefined, sizedFields: undefined });
    // every paged list declares how its size is read
    for (const type of Object.values(model.schema.getTypeMap())) {
      if (!('getFields' in type) || type.name.startsWith('__') || type.name.startsWith('join__')) continue;
      for (const field of Object.values(type.getFields())) {
        if ('args' in field && field.args.some((argument: { name: string }) => argument.name === 'first')) {
          // productSearch pages its result's `products` connection, which composition lets declare only its own lists: there, at the largest page
          if (`${type.name}.${field.name}` === 'Query.productSearch') {
            expect(model.listSizes.get('ProductSearchResult.products')).toEqual({
              assumedSize: 100,
              slicingArguments: undefined,
              sizedFields: ['edges', 'nodes'],
            });
            continue;
          }
          // a list paged both ways (orders: first/after | last/before) is sliced by either
          const pagesBack = field.args.some((argument: { name: string }) => argument.name === 'last');
          expect([`${type.name}.${field.name}`, model.listSizes.get(`${type.name}.${field.name}`)?.slicingArguments]).toEqual([
            `${type.name}.${field.name}`,
            pagesBack ? ['first', 'last'] : ['first'],
          ]);
        }
      }
    }
  });

  it('lets every operation under schema/operations through with at least half of each limit to spare', () => {
    const directory = path.join(root, 'schema', 'operations');
    const heaviest = { name: '', cost: 0 };
    for (const file of readdirSync(directory)) {
      const document = parse(readFileSync(path.join(directory, file), 'utf8'));
      const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
      for (const operation of document.definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      )) {
        const variables: Record<string, unknown> = {};
        for (const variable of operation.variableDefinitions ?? []) if (variable.variable.name.value === 'first') variables.first = 100;
        // the operation with the fragments it spreads, as a client sends it
        const used = fragments.filter((fragment) => fragment.kind === Kind.FRAGMENT_DEFINITION && print(operation).includes(`...${fragment.name.value}`));
        const query = print({ kind: Kind.DOCUMENT, definitions: [operation, ...used] } as DocumentNode);
        const halved = {
          ...limits,
          maxDepth: limits.maxDepth / 2,
          maxAliases: limits.maxAliases / 2,
          maxTokens: limits.maxTokens / 2,
          maxDirectives: limits.maxDirectives / 2,
          maxCost: limits.maxCost / 2,
        };
        const result = validateGatewayOperation({ ...check, limits: halved }, { query, variables });
        expect([operation.name?.value, 'errors' in result ? result.errors.map((error) => error.message) : []]).toEqual([operation.name?.value, []]);
        const cost = operationCost(parse(query), variables, model);
        if (cost > heaviest.cost) Object.assign(heaviest, { name: operation.name?.value, cost });
      }
    }
    expect(heaviest.cost).toBeLessThan(limits.maxCost / 2);
  });

  it('refuses each abusive shape with its code and figures', () => {
    const codeOf = (query: string) => {
      const result = validateGatewayOperation(check, { query });
      return 'errors' in result ? result.errors[0].extensions : null;
    };
    const chained = `query { orders(first: 1) { nodes { ...A } } } fragment A on Order { payments { order { ...B } } } fragment B on Order { payments { order { ...C } } } fragment C on Order { payments { order { payments { order { payments { order { payments { order { id } } } } } } } } }`;
    expect(codeOf(chained)).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: limits.maxDepth });
    expect(codeOf(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`)).toMatchObject({
      code: 'TOO_MANY_ALIASES',
      limit: limits.maxAliases,
      found: 200,
    });
    expect(codeOf(`{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`)).toMatchObject({
      code: 'TOO_MANY_TOKENS',
      limit: limits.maxTokens,
    });
    expect(codeOf(`{ __typename ${'@skip(if: false) '.repeat(30)} }`)).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', limit: limits.maxDirectives, found: 30 });
    expect(codeOf(`{ ${Array.from({ length: 20 }, (_, i) => `p${i}: products(first: 100) { nodes { id stock } }`).join(' ')} }`)).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      cost: expect.any(Number),
      limit: limits.maxCost,
    });
  });
});
