import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { MUTATION_WEIGHT, operationCost, type CostModel } from '../limits/operation-cost';

/** What an operation costs in bucket points, known before it runs. */
export type QueryCost = (document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null) => number;

/** Pages are at most 100 long (BLUEPRINT "API conventions"); a list without `first`/`last` counts as one. */
const MAX_PAGE = 100;

function pageSize(value: ValueNode | undefined, variables: Record<string, unknown>): number {
  if (!value) return 1;
  const raw = value.kind === Kind.VARIABLE ? variables[value.name.value] : value.kind === Kind.INT ? Number(value.value) : undefined;
  return typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_PAGE, Math.max(1, Math.floor(raw))) : 1;
}

/**
 * What an operation takes from a bucket: the cost model's price (`operationCost`, the same the
 * per-operation limit uses), so an expensive mutation weighs what its subgraph declares with
 * `@cost(weight:)` next to its schema (`login` 50, `placeOrder` 20, …), per call, aliases included;
 * `selectionCost` until the model is loaded.
 */
export function bucketCost(model: () => CostModel | null): QueryCost {
  return (document, variables, operationName) => {
    const current = model();
    return current ? Math.max(1, operationCost(document, variables, current, operationName)) : selectionCost(document, variables, operationName);
  };
}

/**
 * The gateway's own estimate until the supergraph's cost model is loaded (the gateway answers
 * nothing before it is): one point per field selected, multiplied by the page sizes
 * (`first`/`last`) of the lists around it, fragments expanded; a root mutation field weighs the
 * model's default root-mutation weight, since the `@cost` declarations are not known yet.
 */
export const selectionCost: QueryCost = (document, variables, operationName) => {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const unitCosts = new Map<string, number>();
  const costOf = (selectionSet: SelectionSetNode, multiplier: number, atRoot: boolean, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const weight = atRoot && operation.operation === 'mutation' ? MUTATION_WEIGHT : 1;
        total += weight * multiplier;
        if (selection.selectionSet) {
          const argument = (name: string) => selection.arguments?.find((candidate) => candidate.name.value === name)?.value;
          const size = Math.max(pageSize(argument('first'), variables), pageSize(argument('last'), variables));
          total += costOf(selection.selectionSet, multiplier * size, false, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, multiplier, atRoot, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        // a fragment's cost is linear in its multiplier: computed once, so nested spreads cannot explode
        const key = `${fragment.name.value}:${atRoot}`;
        let unit = unitCosts.get(key);
        if (unit === undefined) {
          unit = costOf(fragment.selectionSet, 1, atRoot, new Set([...seen, fragment.name.value]));
          unitCosts.set(key, unit);
        }
        total += unit * multiplier;
      }
    }
    return total;
  };
  return Math.max(1, costOf(operation.selectionSet, 1, true, new Set()));
};
