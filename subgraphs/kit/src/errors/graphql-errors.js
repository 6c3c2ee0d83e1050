"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.badUserInput = badUserInput;
exports.unauthenticated = unauthenticated;
exports.invalidCredentials = invalidCredentials;
exports.forbidden = forbidden;
exports.notFound = notFound;
exports.storeUnavailable = storeUnavailable;
exports.conflict = conflict;
const graphql_1 = require("graphql");
const error_codes_1 = require("./error-codes");
function badUserInput(message, fields = []) {
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.BAD_USER_INPUT, fields } });
}
function unauthenticated(message = 'Authentication required') {
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.UNAUTHENTICATED } });
}
/** A bad token found while building the request context: the whole request fails with HTTP 401. */
function invalidCredentials(message) {
    // `http` is read by Apollo Server and not sent to the client
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}
function forbidden(message = 'You are not allowed to do this') {
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.FORBIDDEN } });
}
function notFound(what, id) {
    return new graphql_1.GraphQLError(`${what} ${id} not found`, { extensions: { code: error_codes_1.ErrorCode.NOT_FOUND } });
}
function storeUnavailable(status) {
    return new graphql_1.GraphQLError(`This store is ${status.toLowerCase()}: it takes no orders or payments now`, {
        extensions: { code: error_codes_1.ErrorCode.STORE_UNAVAILABLE, status },
    });
}
function conflict(message) {
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.CONFLICT } });
}
//# sourceMappingURL=graphql-errors.js.map