import { createHash } from 'node:crypto';
import {
  Kind,
  isAbstractType,
  isObjectType,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { SubscriptionField } from './subscription-field';

export const ENTITY_ID_VARIABLE = '__ultramarketEntityId';
/** The response key of the entity in the shared query, whatever the subscriber called its root field. */
export const ENTITY_KEY = 'entity';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/**
 * The key a field has in the shared query: its name, with a digest of its arguments and
 * directives when it has any, so `a: variants(first: 2)` and `b: variants(first: 2)` are one field
 * and `variants(first: 2)` and `variants(first: 5)` are two. The subscriber's own alias plays no part.
 */
export function sharedKeyOf(field: FieldNode): string {
  if (!field.arguments?.length && !field.directives?.length) return field.name.value;
  const detail = [...(field.arguments ?? [])]
    .map(print)
    .sort()
    .concat((field.directives ?? []).map(print))
    .join(' ');
  return `${field.name.value}_${createHash('sha256').update(detail).digest('hex').slice(0, 12)}`;
}

/**
 * A selection set rewritten so that any subscriber asking for the same data writes it the same way:
 * every field under its shared key, fragments inlined, fields in key order, `__typename` everywhere
 * (to apply each subscriber's type conditions to the shared answer).
 */
function sharedSelection(selectionSet: SelectionSetNode, fragments: Fragments, seen: ReadonlySet<string> = new Set()): string {
  const parts = new Set<string>(['__typename']);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = sharedKeyOf(selection);
      if (key === '__typename') continue;
      const argumentsText = selection.arguments?.length ? `(${selection.arguments.map(print).join(', ')})` : '';
      const directives = (selection.directives ?? []).map(print).join(' ');
      const inner = selection.selectionSet ? ` ${sharedSelection(selection.selectionSet, fragments, seen)}` : '';
      parts.add(`${key}: ${selection.name.value}${argumentsText}${directives ? ` ${directives}` : ''}${inner}`);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? ` on ${selection.typeCondition.name.value}` : '';
      const directives = (selection.directives ?? []).map(print).join(' ');
      parts.add(`...${condition}${directives ? ` ${directives}` : ''} ${sharedSelection(selection.selectionSet, fragments, seen)}`);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const directives = (selection.directives ?? []).map(print).join(' ');
      const inner = sharedSelection(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
      parts.add(`... on ${fragment.typeCondition.name.value}${directives ? ` ${directives}` : ''} ${inner}`);
    }
  }
  return `{ ${[...parts].sort().join(' ')} }`;
}

export interface EntityQuery {
  /** The query every subscriber with the same normalised selection shares. */
  document: DocumentNode;
  /** Its text: with the variables' values and the caller's visibility, what decides who shares a resolution. */
  text: string;
}

/**
 * Turns `subscription { s: stockChanged(productId: $p) { t: title stock } }` into
 * `query SubscriptionEvent($__id: ID!) { entity: product(id: $__id) { __typename stock title } }`:
 * the subscriber's selection set, normalised (see `sharedSelection`), resolved for the event's
 * entity through the supergraph's query plan. `reshapeForSubscriber` puts the answer back in the
 * subscriber's own shape, aliases included.
 */
export function entityQueryFor(document: DocumentNode, operation: OperationDefinitionNode, rootField: FieldNode, field: SubscriptionField): EntityQuery {
  const fragments = fragmentsOf(document);
  const used = new Set<string>();
  const collect = { Variable: (node: { name: { value: string } }) => void used.add(node.name.value) };
  // the root field's arguments are replaced by the entity's id; its selection and directives are kept
  visit(rootField.selectionSet!, collect);
  for (const directive of rootField.directives ?? []) visit(directive, collect);
  for (const fragment of fragments.values()) visit(fragment, collect);
  const variables = (operation.variableDefinitions ?? [])
    .filter((definition) => used.has(definition.variable.name.value))
    .map(print)
    .sort();
  const { field: entityField, idArgument, idType } = field.entityQuery;
  const directives = (rootField.directives ?? []).map(print).join(' ');
  const text = [
    `query SubscriptionEvent($${ENTITY_ID_VARIABLE}: ${idType}${variables.map((variable) => `, ${variable}`).join('')}) {`,
    `  ${ENTITY_KEY}: ${entityField}(${idArgument}: $${ENTITY_ID_VARIABLE}) ${directives} ${sharedSelection(rootField.selectionSet!, fragments)}`,
    `}`,
  ].join('\n');
  return { document: parsedQuery(text), text };
}

/** Shared queries already parsed, by text: most subscribers ask what others already asked. */
const parsedQueries = new Map<string, DocumentNode>();
const MAX_PARSED_QUERIES = 1000;

function parsedQuery(text: string): DocumentNode {
  let document = parsedQueries.get(text);
  if (document) {
    // most recently used last, so the oldest is the one dropped
    parsedQueries.delete(text);
  } else {
    document = parse(text);
    if (parsedQueries.size >= MAX_PARSED_QUERIES) parsedQueries.delete(parsedQueries.keys().next().value!);
  }
  parsedQueries.set(text, document);
  return document;
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((definition) => [definition.name.value, definition]),
  );
}

function appliesTo(typeCondition: string | undefined, typename: unknown, schema: GraphQLSchema): boolean {
  if (!typeCondition || typeCondition === typename) return true;
  const condition = schema.getType(typeCondition);
  const runtime = typeof typename === 'string' ? schema.getType(typename) : undefined;
  return !!condition && isAbstractType(condition) && isObjectType(runtime) && schema.isSubType(condition, runtime);
}

function merge(target: Record<string, unknown>, key: string, value: unknown): void {
  const existing = target[key];
  if (existing && value && typeof existing === 'object' && typeof value === 'object' && !Array.isArray(existing)) {
    for (const [innerKey, innerValue] of Object.entries(value)) merge(existing as Record<string, unknown>, innerKey, innerValue);
  } else if (Array.isArray(existing) && Array.isArray(value)) {
    value.forEach((item, index) => (existing[index] && item && typeof item === 'object' ? Object.assign(existing[index], item) : undefined));
  } else {
    target[key] = value;
  }
}

/**
 * The shared answer in the subscriber's own shape: each field under the subscriber's response key
 * (alias or name), in its order, only the fields it selected (`__typename` only if it asked).
 */
export function reshapeForSubscriber(shared: unknown, selectionSet: SelectionSetNode, fragments: Fragments, schema: GraphQLSchema): unknown {
  if (shared === null || typeof shared !== 'object') return shared;
  if (Array.isArray(shared)) return shared.map((item) => reshapeForSubscriber(item, selectionSet, fragments, schema));
  const source = shared as Record<string, unknown>;
  const shaped: Record<string, unknown> = {};
  const fill = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = sharedKeyOf(selection);
        if (!(key in source)) continue; // skipped by @skip/@include
        const value = selection.selectionSet ? reshapeForSubscriber(source[key], selection.selectionSet, fragments, schema) : source[key];
        merge(shaped, selection.alias?.value ?? selection.name.value, value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, source.__typename, schema)) fill(selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value) && appliesTo(fragment.typeCondition.name.value, source.__typename, schema)) {
          fill(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    }
  };
  fill(selectionSet, new Set());
  return shaped;
}
