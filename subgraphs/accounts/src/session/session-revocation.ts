import type { EntityManager } from 'typeorm';
import type Redis from 'ioredis';
import { returningRows } from '../shared/sql';
import type { SessionRevocation } from './session.entity';
import { denyAccessToken } from './token-revocation';

export interface RevokedRow {
  family_id: string;
  access_token_id: string | null;
  access_token_expires_at: Date | null;
}

/** Revokes the live rows matched by `condition` and returns the access tokens issued with them. */
async function revokeWhere(manager: EntityManager, condition: string, parameters: unknown[], reason: SessionRevocation): Promise<RevokedRow[]> {
  return returningRows<RevokedRow>(
    manager,
    `UPDATE session SET revoked_at = now(), revoked_reason = $1
      WHERE revoked_at IS NULL AND ${condition}
      RETURNING family_id, access_token_id, access_token_expires_at`,
    [reason, ...parameters],
  );
}

export function revokeFamily(manager: EntityManager, userId: string, familyId: string, reason: SessionRevocation) {
  return revokeWhere(manager, 'user_id = $2 AND family_id = $3', [userId, familyId], reason);
}

export function revokeAllSessions(manager: EntityManager, userId: string, reason: SessionRevocation, exceptFamilyId: string | null = null) {
  return exceptFamilyId
    ? revokeWhere(manager, 'user_id = $2 AND family_id <> $3', [userId, exceptFamilyId], reason)
    : revokeWhere(manager, 'user_id = $2', [userId], reason);
}

/** Puts the still-valid access tokens of revoked rows on the deny-list (after the revocation committed). */
export async function denyAccessTokensOf(redis: Redis, rows: RevokedRow[]): Promise<void> {
  await Promise.all(
    rows
      .filter((row) => row.access_token_id && row.access_token_expires_at)
      .map((row) => denyAccessToken(redis, row.access_token_id!, Math.ceil(new Date(row.access_token_expires_at!).getTime() / 1000))),
  );
}
