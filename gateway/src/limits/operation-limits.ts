import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { operationCost, type CostModel } from './operation-cost';

/** The gateway's bounds on one operation, over HTTP and WebSocket alike (see gateway-config.ts for the variables). */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** The size assumed for a list that declares none (`@listSize`) and is not a connection. */
  defaultListSize: number;
}

/** What the gateway lets a client learn about the schema. */
export interface SchemaExposure {
  introspection: boolean;
  fieldSuggestions: boolean;
}

/** One `extensions.code` per limit, each with `limit` (and `found`, or `cost` for the cost limit). */
export const LimitCode = {
  cost: 'QUERY_TOO_COMPLEX',
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
} as const;
const LIMIT_CODES = new Set<string>(Object.values(LimitCode));

export function queryTooComplex(cost: number, limit: number): GraphQLError {
  return new GraphQLError(`Query costs ${cost} points, over the limit of ${limit}`, { extensions: { code: LimitCode.cost, cost, limit } });
}

function tooManyTokens(limit: number): GraphQLError {
  return new GraphQLError(`Query has more than ${limit} tokens`, { extensions: { code: LimitCode.tokens, limit } });
}

/** GraphQL Armor reports "Syntax Error: Query depth limit of 12 exceeded, found 80."; we say it with a code and the figures. */
function armorRefusal(code: string, what: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1]);
    context?.reportError(
      new GraphQLError(`Query has ${Number.isNaN(found) ? 'more' : found} ${what}, over the limit of ${limit}`, {
        extensions: { code, limit, ...(Number.isNaN(found) ? {} : { found }) },
      }),
    );
  };
}

/**
 * The validation rules every operation passes at the gateway, whether it comes over HTTP (Apollo's
 * `validationRules`) or WebSocket (`validateGatewayOperation`): depth through fragments, aliases
 * (`__typename` included), directives, and no `__schema`/`__type` unless introspection is on.
 */
export function gatewayValidationRules(limits: OperationLimits, exposure: SchemaExposure): ValidationRule[] {
  const rejectOnly = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    ...(exposure.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    maxDepthRule({ ...rejectOnly, n: limits.maxDepth, flattenFragments: true, onReject: [armorRefusal(LimitCode.depth, 'levels', limits.maxDepth)] }),
    maxAliasesRule({ ...rejectOnly, n: limits.maxAliases, allowList: [], onReject: [armorRefusal(LimitCode.aliases, 'aliases', limits.maxAliases)] }),
    maxDirectivesRule({ ...rejectOnly, n: limits.maxDirectives, onReject: [armorRefusal(LimitCode.directives, 'directives', limits.maxDirectives)] }),
  ];
}

/** The cost limit: the operation's cost (`operationCost`) with its variables, refused past `maxCost`. */
export function costRefusal(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  model: CostModel | null,
  maxCost: number,
) {
  if (!model) return null;
  const cost = operationCost(document, variables, model, operationName);
  return cost > maxCost ? queryTooComplex(cost, maxCost) : null;
}

/** graphql-js aborts a long document with "Document contains more that N tokens" (sic), code-less. */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * A limit's refusal as the client sees it. Apollo answers a failed parse or validation with
 * GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED whatever the rule said; the limit's own code and
 * figures are put back here (Apollo keeps the rule's error as `originalError`).
 */
export function limitRefusalOf(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && LIMIT_CODES.has(code)) return formatted;
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof GraphQLError && LIMIT_CODES.has(original.extensions.code as string)) {
    return { message: original.message, locations: formatted.locations, extensions: original.extensions };
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (tokens) return { message: tooManyTokens(Number(tokens[1])).message, extensions: { code: LimitCode.tokens, limit: Number(tokens[1]) } };
  return null;
}

/** Apollo's "Did you mean …?" and graphql-js's, cut when field suggestions are off (as `hideSchemaDetailsFromClientErrors` does). */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return message === error.message ? error : new GraphQLError(message, { nodes: error.nodes, extensions: error.extensions });
}

export interface GatewayOperationCheck {
  schema: GraphQLSchema;
  limits: OperationLimits;
  exposure: SchemaExposure;
  costModel: CostModel | null;
}

/**
 * Parses and validates an operation sent over WebSocket with the same bounds HTTP requests meet in
 * Apollo Server: the token limit while parsing, the specified rules and `gatewayValidationRules`,
 * then the cost with the request's variables. Returns the document, or the errors to answer with.
 */
export function validateGatewayOperation(
  check: GatewayOperationCheck,
  request: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: check.limits.maxTokens });
  } catch (error) {
    const tokens = TOKEN_LIMIT_MESSAGE.exec((error as Error).message);
    if (tokens) return { errors: [tooManyTokens(check.limits.maxTokens)] };
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError('Syntax Error')] };
  }
  const errors = validate(check.schema, document, [...specifiedRules, ...gatewayValidationRules(check.limits, check.exposure)]);
  if (errors.length > 0) return { errors: check.exposure.fieldSuggestions ? [...errors] : errors.map(withoutSuggestions) };
  const tooComplex = costRefusal(document, request.variables ?? undefined, request.operationName, check.costModel, check.limits.maxCost);
  return tooComplex ? { errors: [tooComplex] } : { document };
}
