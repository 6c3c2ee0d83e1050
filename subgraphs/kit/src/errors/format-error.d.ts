import type { GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import type { FieldError } from './graphql-errors';
/** Flattens class-validator's nested errors into per-field messages. */
export declare function fieldErrorsFrom(errors: ValidationError[], prefix: string[]): FieldError[];
/**
 * Apollo `formatError`: class-validator failures become BAD_USER_INPUT with field details;
 * anything without a known code is masked in production (no stack, no SQL).
 */
export declare function createErrorFormatter(options: {
    isProduction: boolean;
    onUnexpected?: (error: unknown) => void;
}): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
