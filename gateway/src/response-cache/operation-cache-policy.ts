import {
  getNamedType,
  getOperationAST,
  isObjectType,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { CacheHints } from './cache-hints';

/** A root field a cacheable query selects: what its tags are made of (response-tags.ts). */
export interface CachedRootField {
  name: string;
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

/** How long a query's response may be kept (the smallest maxAge of the fields it selects) and its root fields. */
export interface OperationCachePolicy {
  maxAgeSeconds: number;
  roots: CachedRootField[];
}

/**
 * The cache policy of one operation of a document, or null when its response must not be cached: not
 * a query, or it selects a field with no hint, a PRIVATE one, introspection, or an abstract type.
 * Computed from the document alone (no variables), so it is kept per parsed document.
 */
export function operationCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  hints: CacheHints,
  defaultMaxAgeSeconds: number,
): OperationCachePolicy | null {
  const operation = getOperationAST(document, operationName);
  const queryType = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !queryType) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let maxAgeSeconds = Number.POSITIVE_INFINITY;
  const roots: CachedRootField[] = [];
  const visiting = new Set<string>();
  const cacheable = (selectionSet: SelectionSetNode, parentType: GraphQLObjectType, atRoot: boolean): boolean => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const definition = parentType.getFields()[name];
        const hint = hints[parentType.name]?.[name];
        if (!definition || !hint || hint.scope === 'PRIVATE') return false;
        const returned = getNamedType(definition.type);
        // as Apollo's @cacheControl: a leaf without a maxAge of its own inherits its parent's
        if (hint.maxAge !== undefined || atRoot || isCompositeType(returned)) maxAgeSeconds = Math.min(maxAgeSeconds, hint.maxAge ?? defaultMaxAgeSeconds);
        if (atRoot) roots.push({ name, node: selection, definition });
        if (isCompositeType(returned)) {
          // interfaces and unions would need every possible type hinted: none is served from the cache yet
          if (!isObjectType(returned) || !selection.selectionSet || !cacheable(selection.selectionSet, returned, false)) return false;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (condition !== parentType || !cacheable(selection.selectionSet, parentType, atRoot)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value) || schema.getType(fragment.typeCondition.name.value) !== parentType) return false;
        visiting.add(fragment.name.value);
        const fits = cacheable(fragment.selectionSet, parentType, atRoot);
        visiting.delete(fragment.name.value);
        if (!fits) return false;
      }
    }
    return true;
  };
  if (!cacheable(operation.selectionSet, queryType, true) || roots.length === 0 || !Number.isFinite(maxAgeSeconds)) return null;
  return { maxAgeSeconds, roots };
}

/** The arguments a root field is called with, its variables applied. */
export function rootArguments(root: CachedRootField, variables: Record<string, unknown>): Record<string, unknown> {
  return getArgumentValues(root.definition, root.node, variables);
}

/**
 * Policies per parsed document: Apollo keeps one DocumentNode per distinct query text (its document
 * store), so a hot query's policy is worked out once.
 */
export class OperationCachePolicies {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, OperationCachePolicy | null>>();

  constructor(
    private readonly hints: CacheHints,
    private readonly defaultMaxAgeSeconds: number,
  ) {}

  of(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): OperationCachePolicy | null {
    let policies = this.byDocument.get(document);
    if (!policies) this.byDocument.set(document, (policies = new Map()));
    const name = operationName ?? '';
    if (!policies.has(name)) policies.set(name, operationCachePolicy(schema, document, operationName, this.hints, this.defaultMaxAgeSeconds));
    return policies.get(name)!;
  }
}
