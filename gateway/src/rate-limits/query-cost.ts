import { Kind, getOperationAST, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { MUTATION_WEIGHT, operationCost, type CostModel } from '../limits/operation-cost';

/** What an operation costs in bucket points, known before it runs. */
export type QueryCost = (document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null) => number;

/**
 * Mutations that cost the platform far more than their selection (a password hash, an email, a
 * payment provider call), per call: 200 aliased `login`s in one document cost 200 times this. They
 * belong next to the schema as `@cost(weight:)` on these fields, which the cost model reads; until
 * the subgraphs declare them, they stand in for the model's default root-mutation weight here.
 */
export const MUTATION_WEIGHTS: Readonly<Record<string, number>> = {
  login: 50,
  register: 50,
  requestPasswordReset: 50,
  resetPassword: 50,
  verifyEmail: 50,
  // these check the current password (an argon2 hash) too
  changePassword: 50,
  setupMfa: 50,
  disableMfa: 50,
  placeOrder: 20,
  processPayment: 20,
};

/** Pages are at most 100 long (BLUEPRINT "API conventions"); a list without `first`/`last` counts as one. */
const MAX_PAGE = 100;

function pageSize(value: ValueNode | undefined, variables: Record<string, unknown>): number {
  if (!value) return 1;
  const raw = value.kind === Kind.VARIABLE ? variables[value.name.value] : value.kind === Kind.INT ? Number(value.value) : undefined;
  return typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_PAGE, Math.max(1, Math.floor(raw))) : 1;
}

/**
 * What an operation takes from a bucket: the cost model's price (`operationCost`, the same the
 * per-operation limit uses), with each expensive mutation call priced at its `MUTATION_WEIGHTS`
 * weight instead of the default root-mutation weight; `selectionCost` until the model is loaded.
 */
export function bucketCost(model: () => CostModel | null): QueryCost {
  return (document, variables, operationName) => {
    const current = model();
    if (!current) return selectionCost(document, variables, operationName);
    let cost = operationCost(document, variables, current, operationName);
    const operation = getOperationAST(document, operationName);
    if (operation?.operation === 'mutation') {
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const weight = MUTATION_WEIGHTS[selection.name.value];
        if (weight !== undefined) cost += weight - MUTATION_WEIGHT;
      }
    }
    return Math.max(1, cost);
  };
}

/**
 * The gateway's own estimate until the schema-driven cost model is wired in: one point per field
 * selected, multiplied by the page sizes (`first`/`last`) of the lists around it, fragments
 * expanded, plus each expensive mutation's weight per call.
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
        const weight = atRoot && operation.operation === 'mutation' ? (MUTATION_WEIGHTS[selection.name.value] ?? 1) : 1;
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
