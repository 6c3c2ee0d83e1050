import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../graphql/subgraph-context';
import { type AppAccess } from './app-access';
/**
 * Refuses, before anything executes, an app's operation that uses a root field its scopes do not open,
 * `_entities` included: the gateway resolves one subgraph's fields of another's entity through
 * `_entities`, so an app without this subgraph's read scope gets none of its fields, whichever
 * query reached them. Requests of people (tokens) pass untouched.
 */
export declare function appScopePlugin(access: AppAccess | undefined): ApolloServerPlugin<SubgraphContext>;
