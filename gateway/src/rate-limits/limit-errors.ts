import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/**
 * The bucket cannot take this operation now: `retryAfter` (and the house's `retryAfterSeconds`) in
 * seconds, and over HTTP status 429 with a Retry-After header.
 */
export function rateLimited(retryAfterSeconds: number, overHttp = true): GraphQLError {
  const http = overHttp ? { http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } } : {};
  return new GraphQLError(`Rate limited: this costs more than your budget has left; retry in ${retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds, retryAfterSeconds, ...http },
  });
}
