"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONNECTION_LIST_SIZE = void 0;
exports.buildFederatedSchema = buildFederatedSchema;
const subgraph_1 = require("@apollo/subgraph");
const utils_1 = require("@graphql-tools/utils");
const graphql_1 = require("graphql");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const auth_checker_1 = require("../caller/auth-checker");
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
exports.CONNECTION_LIST_SIZE = `@listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`;
/**
 * Subscriptions are declared in the subgraph that owns their type (so they compose into the
 * supergraph and its clients see them) but served by the gateway from NATS; a subgraph never runs one.
 */
const gatewayServedPubSub = {
    publish() {
        throw new Error('subscriptions are served by the gateway');
    },
    subscribe() {
        throw new Error('subscriptions are served by the gateway');
    },
};
/** The type-graphql schema printed with its directives, then handed to `buildSubgraphSchema`. */
async function buildFederatedSchema(options) {
    const typeGraphqlSchema = await (0, type_graphql_1.buildSchema)({
        resolvers: options.resolvers,
        orphanedTypes: options.orphanedTypes,
        authChecker: auth_checker_1.roleAuthChecker,
        // `DateTime` (ISO 8601, UTC) as the blueprint names it, in every subgraph
        scalarsMap: [{ type: Date, scalar: graphql_scalars_1.DateTimeResolver }],
        validate: { forbidUnknownValues: false },
        pubSub: gatewayServedPubSub,
        skipCheck: true,
    });
    const resolverMap = (0, type_graphql_1.createResolversMap)(typeGraphqlSchema);
    for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
        resolverMap[typeName] = { ...(resolverMap[typeName] ?? {}), ...reference };
    }
    return (0, subgraph_1.buildSubgraphSchema)({
        typeDefs: (0, graphql_1.parse)(`${FEDERATION_LINK}\n${(0, utils_1.printSchemaWithDirectives)(typeGraphqlSchema)}`),
        resolvers: resolverMap,
    });
}
//# sourceMappingURL=build-federated-schema.js.map