import type { EntityManager } from 'typeorm';
import { newOpaqueToken, OPAQUE_TOKEN, sha256Hex } from '../shared/secure-token';
import { returningRows } from '../shared/sql';
import { OneTimeToken, type TokenPurpose } from './one-time-token.entity';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A fresh single-use token for the user; earlier unused ones of the same purpose stop working. */
export async function issueOneTimeToken(manager: EntityManager, userId: string, purpose: TokenPurpose, ttlSeconds: number): Promise<IssuedToken> {
  await manager.query(`DELETE FROM one_time_token WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
  const token = newOpaqueToken();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await manager.getRepository(OneTimeToken).insert({ userId, purpose, tokenHash: sha256Hex(token), expiresAt });
  return { token, expiresAt };
}

/** The user a still-usable token belongs to, without using it up (to check a new password first). */
export async function peekOneTimeToken(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!OPAQUE_TOKEN.test(token)) return null;
  const rows: { user_id: string }[] = await manager.query(
    `SELECT user_id FROM one_time_token WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
    [sha256Hex(token), purpose],
  );
  return rows[0]?.user_id ?? null;
}

/** Uses the token up, atomically: of two concurrent uses exactly one gets the user id. */
export async function consumeOneTimeToken(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!OPAQUE_TOKEN.test(token)) return null;
  const rows = await returningRows<{ user_id: string }>(
    manager,
    `UPDATE one_time_token SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [sha256Hex(token), purpose],
  );
  return rows[0]?.user_id ?? null;
}
