import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Response keys under which the subscriber asked for `fieldName` directly on the entity (aliases,
 * inline fragments and fragment spreads included).
 */
function responseKeysOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, fieldName: string, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === fieldName ? [selection.alias?.value ?? fieldName] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return responseKeysOf(selection.selectionSet, fragments, fieldName, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return responseKeysOf(fragment.selectionSet, fragments, fieldName, seen);
  });
}

/**
 * The entity is resolved as it is now, which may already be past the event (two status changes a
 * millisecond apart): fields the event itself carries are shown as they were at the event.
 */
export function overlayEventFields(
  entity: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  eventFields: Record<string, unknown>,
): Record<string, unknown> {
  const overlaid = { ...entity };
  for (const [fieldName, value] of Object.entries(eventFields)) {
    for (const key of responseKeysOf(selectionSet, fragments, fieldName)) overlaid[key] = value;
  }
  return overlaid;
}
