import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../errors/error-codes';
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

const ROOT_TYPE_NAMES = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The scope each root field of the operation needs under `access`. */
export function requiredAppScopes(document: DocumentNode, operationName: string | null | undefined, access: AppAccess | undefined): RequiredScope[] {
  const operation = operationOf(document, operationName);
  if (!operation) return [];
  const typeName = ROOT_TYPE_NAMES[operation.operation];
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const fieldNames = new Set<string>();
  const collect = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fieldNames.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  collect(operation.selectionSet, new Set());
  const required: RequiredScope[] = [];
  for (const name of fieldNames) {
    if (name === '__typename') continue;
    const field = `${typeName}.${name}`;
    required.push({ field, scope: scopeFor(field, typeName, name, access) });
  }
  return required;
}

function scopeFor(field: string, typeName: string, name: string, access: AppAccess | undefined): AppScope | null {
  if (!access) return null;
  if (access.fields && Object.hasOwn(access.fields, field)) return access.fields[field];
  // the federation service field describes the subgraph to the gateway, never to an app
  if (name === '_service' || name.startsWith('__')) return null;
  return (typeName === 'Mutation' ? access.write : access.read) ?? null;
}

/** The FORBIDDEN error for the first root field the app may not use, or undefined when it may use them all. */
export function appScopeRefusal(app: AppIdentity, required: readonly RequiredScope[]): GraphQLError | undefined {
  for (const { field, scope } of required) {
    if (scope === null) return appForbidden(`Apps may not use ${field}: it is open to signed-in people only`, field, null);
    if (!app.scopes.includes(scope)) return appForbidden(`This app lacks the scope ${scope}, which ${field} needs`, field, scope);
  }
  return undefined;
}

function appForbidden(message: string, field: string, requiredScope: AppScope | null): GraphQLError {
  // `http` is read by Apollo Server and not sent: a 200 lets the gateway pass the code and reason on
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, field, requiredScope, http: { status: 200 } } });
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}
