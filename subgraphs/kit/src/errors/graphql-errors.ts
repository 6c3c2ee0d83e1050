import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';

/** One invalid field: `field` is the path inside the arguments, e.g. ["input", "title"]. */
export interface FieldError {
  field: string[];
  message: string;
}

export function badUserInput(message: string, fields: FieldError[] = []): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields } });
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** A bad token found while building the request context: the whole request fails with HTTP 401. */
export function invalidCredentials(message: string): GraphQLError {
  // `http` is read by Apollo Server and not sent to the client
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message = 'You are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function storeUnavailable(status: string): GraphQLError {
  return new GraphQLError(`This store is ${status.toLowerCase()}: it takes no orders or payments now`, {
    extensions: { code: ErrorCode.STORE_UNAVAILABLE, status },
  });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}
