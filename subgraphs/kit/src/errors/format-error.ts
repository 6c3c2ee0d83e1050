import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { ErrorCode } from './error-codes';
import type { FieldError } from './graphql-errors';

const knownCodes = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself produces for malformed requests; they carry no internals. */
const requestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Flattens class-validator's nested errors into per-field messages. */
export function fieldErrorsFrom(errors: ValidationError[], prefix: string[]): FieldError[] {
  return errors.flatMap((error) => {
    const field = [...prefix, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsFrom(error.children ?? [], field)];
  });
}

/**
 * Apollo `formatError`: class-validator failures become BAD_USER_INPUT with field details;
 * anything without a known code is masked in production (no stack, no SQL).
 */
export function createErrorFormatter(options: { isProduction: boolean; onUnexpected?: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const validationErrors = original.extensions.validationErrors as ValidationError[];
      // Mutations take one `input` argument (BLUEPRINT "API conventions"); other arguments are named as they are.
      const isInput = validationErrors.some((e) => e.target?.constructor?.name.endsWith('Input'));
      const fields = fieldErrorsFrom(validationErrors, isInput ? ['input'] : []);
      return {
        message: `Invalid input: ${fields.map((f) => f.message).join('; ')}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (knownCodes.has(code) || requestCodes.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return formatted;
    }
    options.onUnexpected?.(original);
    if (!options.isProduction) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
