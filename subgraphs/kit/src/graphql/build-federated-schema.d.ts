import { type GraphQLSchema } from 'graphql';
import { type NonEmptyArray } from 'type-graphql';
import type { SubgraphContext } from './subgraph-context';
/**
 * `@listSize` of a Relay connection field (`first`, at most 100, default 20): its `edges` and
 * `nodes` hold as many items as `first` asks for, 20 when it is not given. Put it on every field
 * returning a connection: `@Directive(CONNECTION_LIST_SIZE)`.
 */
export declare const CONNECTION_LIST_SIZE = "@listSize(assumedSize: 20, slicingArguments: [\"first\"], sizedFields: [\"edges\", \"nodes\"], requireOneSlicingArgument: false)";
/** `__resolveReference` per entity type name; each should go through a per-request loader. */
export type ReferenceResolvers = Record<string, {
    __resolveReference(reference: {
        id: string;
    }, context: SubgraphContext): unknown;
}>;
export interface FederatedSchemaOptions {
    resolvers: NonEmptyArray<Function>;
    orphanedTypes?: Function[];
    referenceResolvers?: ReferenceResolvers;
}
/** The type-graphql schema printed with its directives, then handed to `buildSubgraphSchema`. */
export declare function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema>;
