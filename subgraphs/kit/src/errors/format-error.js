"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fieldErrorsFrom = fieldErrorsFrom;
exports.createErrorFormatter = createErrorFormatter;
const errors_1 = require("@apollo/server/errors");
const type_graphql_1 = require("type-graphql");
const error_codes_1 = require("./error-codes");
const knownCodes = new Set(Object.values(error_codes_1.ErrorCode));
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
function fieldErrorsFrom(errors, prefix) {
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
function createErrorFormatter(options) {
    return (formatted, error) => {
        const original = (0, errors_1.unwrapResolverError)(error);
        if (original instanceof type_graphql_1.ArgumentValidationError) {
            const validationErrors = original.extensions.validationErrors;
            // Mutations take one `input` argument (BLUEPRINT "API conventions"); other arguments are named as they are.
            const isInput = validationErrors.some((e) => e.target?.constructor?.name.endsWith('Input'));
            const fields = fieldErrorsFrom(validationErrors, isInput ? ['input'] : []);
            return {
                message: `Invalid input: ${fields.map((f) => f.message).join('; ')}`,
                locations: formatted.locations,
                path: formatted.path,
                extensions: { code: error_codes_1.ErrorCode.BAD_USER_INPUT, fields },
            };
        }
        const code = formatted.extensions?.code;
        if (typeof code === 'string' && (knownCodes.has(code) || requestCodes.has(code)) && code !== error_codes_1.ErrorCode.INTERNAL_SERVER_ERROR) {
            return formatted;
        }
        options.onUnexpected?.(original);
        if (!options.isProduction) {
            return { ...formatted, extensions: { ...formatted.extensions, code: error_codes_1.ErrorCode.INTERNAL_SERVER_ERROR } };
        }
        return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: error_codes_1.ErrorCode.INTERNAL_SERVER_ERROR } };
    };
}
//# sourceMappingURL=format-error.js.map