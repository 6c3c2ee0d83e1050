import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { roleAuthChecker } from '../caller/auth-checker';
import type { SubgraphContext } from './subgraph-context';

/**
 * Federation 2 features the subgraphs use; v2.9 for the cost directives (`@cost`, `@listSize`, the
 * GraphQL cost directive spec), which composition carries into the supergraph for the gateway's
 * cost limit (gateway/src/limits). The gateway supports up to v2.14.
 */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@cost", "@listSize"])`;

/**
 * `@listSize` of a Relay connection field (`first`, at most 100, default 20): its `edges` and
 * `nodes` hold as many items as `first` asks for, 20 when it is not given. Put it on every field
 * returning a connection: `@Directive(CONNECTION_LIST_SIZE)`.
 */
export const CONNECTION_LIST_SIZE = `@listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`;

/** `__resolveReference` per entity type name; each should go through a per-request loader. */
export type ReferenceResolvers = Record<string, { __resolveReference(reference: { id: string }, context: SubgraphContext): unknown }>;

/**
 * Subscriptions are declared in the subgraph that owns their type (so they compose into the
 * supergraph and its clients see them) but served by the gateway from NATS; a subgraph never runs one.
 */
const gatewayServedPubSub: PubSub = {
  publish() {
    throw new Error('subscriptions are served by the gateway');
  },
  subscribe() {
    throw new Error('subscriptions are served by the gateway');
  },
};

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/** The type-graphql schema printed with its directives, then handed to `buildSubgraphSchema`. */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker: roleAuthChecker,
    // `DateTime` (ISO 8601, UTC) as the blueprint names it, in every subgraph
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: false },
    pubSub: gatewayServedPubSub,
    skipCheck: true,
  });
  const resolverMap = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolverMap[typeName] = { ...(resolverMap[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers: resolverMap as never,
  });
}
