import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** An entity (or a value inside it) as an event describes it: its fields by name, `__typename` included. */
export type EventEntity = { __typename: string } & Record<string, unknown>;

/**
 * Whether every field the subscriber selected is in the event's description of the entity, so the push
 * can be answered from the event alone. Only plain fields count: a field with arguments or directives,
 * or a fragment on another type or with directives, needs the supergraph.
 */
export function coveredByEvent(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  entity: EventEntity,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      if (selection.arguments?.length) return false;
      if (selection.name.value === '__typename') return true;
      if (!(selection.name.value in entity)) return false;
      const value = entity[selection.name.value];
      if (!selection.selectionSet) return value === null || typeof value !== 'object';
      if (value === null) return true;
      if (typeof value !== 'object' || Array.isArray(value) || typeof (value as EventEntity).__typename !== 'string') return false;
      return coveredByEvent(selection.selectionSet, fragments, value as EventEntity, seen);
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      return (condition === undefined || condition === entity.__typename) && coveredByEvent(selection.selectionSet, fragments, entity, seen);
    }
    const fragment = fragments.get(selection.name.value);
    if (!fragment || fragment.typeCondition.name.value !== entity.__typename) return false;
    if (seen.has(fragment.name.value)) return true;
    return coveredByEvent(fragment.selectionSet, fragments, entity, new Set([...seen, fragment.name.value]));
  });
}

/** The fields of `fields` whose value is known (an older producer may not carry them all). */
export function knownFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
