import type { AuthConfig } from '../config/kit-config';
import { ANONYMOUS, type Caller } from './caller';
import { bearerToken, verifyAccessToken } from './access-token';
import type { SigningKeys } from './signing-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller of one request. The token is verified here, in every process that receives it:
 * a subgraph trusts nothing it cannot verify itself. Anonymous shoppers name the store they
 * browse with X-Store-Id; staff act for the store in their token.
 */
export function callerFromHeaders(headers: { authorization?: string; storeId?: string }, keys: SigningKeys, auth: AuthConfig): Caller {
  const token = bearerToken(headers.authorization);
  const caller = token ? verifyAccessToken(token, keys, auth) : { ...ANONYMOUS };
  if (!caller.storeId && headers.storeId && UUID.test(headers.storeId)) {
    return { ...caller, storeId: headers.storeId };
  }
  return caller;
}
