import { Kind, parse, print, visit, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { SubscriptionField } from './subscription-field';

export const ENTITY_ID_VARIABLE = '__ultramarketEntityId';

/**
 * Turns `subscription { stockChanged(productId: $p) { id title stock } }` into
 * `query ($__id: ID!) { stockChanged: product(id: $__id) { id title stock } }`: the subscriber's
 * own selection set, resolved for the event's entity through the supergraph's query plan.
 */
export function entityQueryFor(document: DocumentNode, operation: OperationDefinitionNode, rootField: FieldNode, field: SubscriptionField): DocumentNode {
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const used = new Set<string>();
  const collect = { Variable: (node: { name: { value: string } }) => void used.add(node.name.value) };
  visit(rootField.selectionSet!, collect);
  for (const fragment of fragments) visit(fragment, collect);
  const variables = (operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)).map(print);
  const { field: entityField, idArgument, idType } = field.entityQuery;
  const responseKey = rootField.alias?.value ?? rootField.name.value;
  const directives = (rootField.directives ?? []).map(print).join(' ');
  const text = [
    `query SubscriptionEvent($${ENTITY_ID_VARIABLE}: ${idType}${variables.map((variable) => `, ${variable}`).join('')}) {`,
    `  ${responseKey}: ${entityField}(${idArgument}: $${ENTITY_ID_VARIABLE}) ${directives} ${print(rootField.selectionSet!)}`,
    `}`,
    ...fragments.map(print),
  ].join('\n');
  return parse(text);
}
