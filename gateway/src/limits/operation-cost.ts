import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  valueFromASTUntyped,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** A field's `@listSize` (GraphQL cost directive spec, as federation composes it). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/**
 * What an operation costs, read from the `@cost`/`@listSize` declarations the subgraphs put next to
 * their schema and the composed supergraph carries (`costModelFromSupergraph`).
 */
export interface CostModel {
  schema: GraphQLSchema;
  /** `@cost(weight:)` on a field definition, by `Type.field`. */
  fieldWeights: Map<string, number>;
  /** `@cost(weight:)` on an object, scalar or enum: what any field returning it weighs. */
  typeWeights: Map<string, number>;
  /** `@cost(weight:)` on an argument, by `Type.field.argument`: added when the argument is given. */
  argumentWeights: Map<string, number>;
  /** `@listSize` by `Type.field`. */
  listSizes: Map<string, ListSize>;
  /** The size assumed for a list nothing declares a size for. */
  defaultListSize: number;
}

/** A root mutation field weighs 10 (Apollo's demand control and the IBM spec's default). */
export const MUTATION_WEIGHT = 10;
/** Relay's slicing arguments, priced by convention on a connection that declares no `@listSize`. */
const CONVENTIONAL_CONNECTION: ListSize = { slicingArguments: ['first', 'last'], sizedFields: ['edges', 'nodes'] };

/**
 * The cost model of a composed supergraph: its types and the `@cost`/`@listSize` directives the
 * subgraphs declared (`@link(url: "https://specs.apollo.dev/cost/v0.1")`, composed by @apollo/composition).
 * The API schema @apollo/gateway serves drops these directives, so they are read from the supergraph SDL.
 */
export function costModelFromSupergraph(sdl: string, defaultListSize = 10): CostModel {
  const document = parse(sdl);
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const { cost, listSize } = costDirectiveNames(document);
  const model: CostModel = { schema, fieldWeights: new Map(), typeWeights: new Map(), argumentWeights: new Map(), listSizes: new Map(), defaultListSize };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives, cost);
    if (typeWeight !== undefined) model.typeWeights.set(typeName, typeWeight);
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      const fieldWeight = weightOf(field.directives, cost);
      if (fieldWeight !== undefined) model.fieldWeights.set(key, fieldWeight);
      const size = field.directives?.find((directive) => directive.name.value === listSize);
      if (size) model.listSizes.set(key, listSizeOf(size));
      for (const argument of field.arguments ?? []) {
        const argumentWeight = weightOf(argument.directives, cost);
        if (argumentWeight !== undefined) model.argumentWeights.set(`${key}.${argument.name.value}`, argumentWeight);
      }
    }
  }
  return model;
}

/**
 * The static cost of the operation a request runs (the GraphQL cost directive spec's rules, as
 * Apollo's demand control applies them): an object or interface field weighs 1, a scalar or enum 0,
 * a root mutation field 10, and `@cost(weight:)` overrides; a list multiplies its item's cost by
 * its size: the largest slicing argument given (`first`, variables resolved), else `@listSize`'s
 * `assumedSize`, else the model's default; `sizedFields` carry a connection's size to its
 * `edges`/`nodes`. Fragments are expanded; `@skip`/`@include` are honoured; the branches of an
 * abstract type are summed (an upper bound). Introspection fields cost nothing: their size is the
 * schema's, not the data's.
 */
export function operationCost(document: DocumentNode, variables: Record<string, unknown> | undefined, model: CostModel, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = model.schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    values[name] = variables && name in variables ? variables[name] : definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined;
  }
  const walk = new CostWalk(model, fragments, values, operation.operation === 'mutation' ? root.name : null);
  return walk.selectionSet(operation.selectionSet, root, null, new Set());
}

interface SizedChildren {
  fields: string[];
  size: number;
}

class CostWalk {
  constructor(
    private readonly model: CostModel,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly mutationRoot: string | null,
  ) {}

  selectionSet(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, sized: SizedChildren | null, spreading: Set<string>): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!this.included(selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, parent, sized, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.model.schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += this.selectionSet(selection.selectionSet, type, sized, spreading);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        // a fragment cycle is a validation error; it is not priced twice on the way there
        if (!fragment || spreading.has(name)) continue;
        const type = this.model.schema.getType(fragment.typeCondition.name.value);
        if (!type || !isCompositeType(type)) continue;
        spreading.add(name);
        total += this.selectionSet(fragment.selectionSet, type, sized, spreading);
        spreading.delete(name);
      }
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, sized: SizedChildren | null, spreading: Set<string>): number {
    const name = node.name.value;
    if (name.startsWith('__') || (!isObjectType(parent) && !isInterfaceType(parent))) return 0;
    const definition: GraphQLField<unknown, unknown> | undefined = parent.getFields()[name];
    if (!definition) return 0;
    const key = `${parent.name}.${name}`;
    const type = getNamedType(definition.type);
    const weight =
      this.model.fieldWeights.get(key) ??
      this.model.typeWeights.get(type.name) ??
      (parent.name === this.mutationRoot ? MUTATION_WEIGHT : isCompositeType(type) ? 1 : 0);
    let argumentsWeight = 0;
    for (const argument of node.arguments ?? []) argumentsWeight += this.model.argumentWeights.get(`${key}.${argument.name.value}`) ?? 0;

    const declared = this.model.listSizes.get(key) ?? (definition.args.some((argument) => argument.name === 'first') ? CONVENTIONAL_CONNECTION : undefined);
    const isList = isListType(getNullableType(definition.type));
    const size = declared ? this.sizeOf(declared, node.arguments ?? []) : this.model.defaultListSize;
    // a connection is one object; its size is that of the lists it holds
    const childrenSized = declared?.sizedFields?.length && !isList ? { fields: declared.sizedFields, size } : null;
    const children = node.selectionSet && isCompositeType(type) ? this.selectionSet(node.selectionSet, type, childrenSized, spreading) : 0;

    const multiplier = !isList ? 1 : sized?.fields.includes(name) ? sized.size : size;
    return argumentsWeight + multiplier * (weight + children);
  }

  private sizeOf(listSize: ListSize, args: readonly ArgumentNode[]): number {
    let largest: number | undefined;
    for (const argument of args) {
      if (!listSize.slicingArguments?.includes(argument.name.value)) continue;
      const value = this.valueOf(argument.value);
      if (typeof value === 'number' && Number.isFinite(value)) largest = Math.max(largest ?? 0, value);
    }
    return Math.max(0, largest ?? listSize.assumedSize ?? this.model.defaultListSize);
  }

  private included(directives: readonly DirectiveNode[] | undefined): boolean {
    for (const directive of directives ?? []) {
      const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
      if (!condition) continue;
      const value = this.valueOf(condition.value);
      if (directive.name.value === 'skip' && value === true) return false;
      if (directive.name.value === 'include' && value === false) return false;
    }
    return true;
  }

  private valueOf(value: ValueNode): unknown {
    return value.kind === Kind.VARIABLE ? this.variables[value.name.value] : valueFromASTUntyped(value);
  }
}

/** The names the supergraph gives the cost spec's directives (`@link(url: ".../cost/v0.1", import: [...])`). */
function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } {
  const names = { cost: 'cost', listSize: 'listSize' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const url = argumentValue(link, 'url');
      if (link.name.value !== 'link' || typeof url !== 'string' || !url.includes('specs.apollo.dev/cost/')) continue;
      const namespace = (argumentValue(link, 'as') as string | undefined) ?? 'cost';
      const imports = (argumentValue(link, 'import') as unknown[] | undefined) ?? [];
      const imported = (directive: string) =>
        imports.some(
          (entry) => entry === `@${directive}` || (typeof entry === 'object' && entry !== null && (entry as { name?: string }).name === `@${directive}`),
        );
      // the spec's own directive is named after the namespace; the others are namespaced unless imported
      names.cost = imported('cost') || namespace === 'cost' ? 'cost' : `${namespace}__cost`;
      names.listSize = imported('listSize') ? 'listSize' : `${namespace}__listSize`;
    }
  }
  return names;
}

function argumentValue(directive: DirectiveNode, name: string): unknown {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  return argument ? valueFromASTUntyped(argument.value) : undefined;
}

function weightOf(directives: readonly DirectiveNode[] | undefined, cost: string): number | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === cost);
  const weight = directive ? argumentValue(directive, 'weight') : undefined;
  return typeof weight === 'number' ? weight : undefined;
}

function listSizeOf(directive: DirectiveNode): ListSize {
  const assumedSize = argumentValue(directive, 'assumedSize');
  const slicingArguments = argumentValue(directive, 'slicingArguments');
  const sizedFields = argumentValue(directive, 'sizedFields');
  return {
    assumedSize: typeof assumedSize === 'number' ? assumedSize : undefined,
    slicingArguments: Array.isArray(slicingArguments) ? (slicingArguments as string[]) : undefined,
    sizedFields: Array.isArray(sizedFields) ? (sizedFields as string[]) : undefined,
  };
}
