import { hashCartToken, newCartToken } from '../cart/cart-token';

/**
 * A recovery token is made and kept as a cart token is (32 random bytes, base64url; only its SHA-256 stored),
 * but it opens nothing by itself: `recoverCart` exchanges it, once and before it expires, for a new cart token.
 */
export function newRecoveryToken(): { token: string; hash: Buffer } {
  const token = newCartToken();
  return { token, hash: hashCartToken(token) };
}
