import { GraphQLError, type DocumentNode } from 'graphql';
import type { AppIdentity } from './app-identity';
import type { AppScope } from './app-scope';
/**
 * What a subgraph opens to apps: its queries and `_entities` need `read`, its mutations `write`, its
 * subscriptions (served by the gateway) `read`; `fields` overrides one root field (`'Query.me'`), with
 * null for what no app may ever use (sessions, staff, installing apps, keys). A subgraph without
 * `appAccess` (or without `read`/`write`) is closed to apps for that kind of operation: one rule, the
 * same for every subgraph, written next to the subgraph's definition instead of in each service.
 */
export interface AppAccess {
    read?: AppScope;
    write?: AppScope;
    fields?: Readonly<Record<string, AppScope | null>>;
}
/** One root field of an operation and the scope an app needs for it (null: never open to apps). */
export interface RequiredScope {
    field: string;
    scope: AppScope | null;
}
/** The scope each root field of the operation needs under `access`. */
export declare function requiredAppScopes(document: DocumentNode, operationName: string | null | undefined, access: AppAccess | undefined): RequiredScope[];
/** The FORBIDDEN error for the first root field the app may not use, or undefined when it may use them all. */
export declare function appScopeRefusal(app: AppIdentity, required: readonly RequiredScope[]): GraphQLError | undefined;
