import { GraphQLError } from 'graphql';
/** One invalid field: `field` is the path inside the arguments, e.g. ["input", "title"]. */
export interface FieldError {
    field: string[];
    message: string;
}
export declare function badUserInput(message: string, fields?: FieldError[]): GraphQLError;
export declare function unauthenticated(message?: string): GraphQLError;
/** A bad token found while building the request context: the whole request fails with HTTP 401. */
export declare function invalidCredentials(message: string): GraphQLError;
export declare function forbidden(message?: string): GraphQLError;
export declare function notFound(what: string, id: string): GraphQLError;
export declare function storeUnavailable(status: string): GraphQLError;
export declare function conflict(message: string): GraphQLError;
