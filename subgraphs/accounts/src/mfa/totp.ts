import { authenticator } from 'otplib';
import type { EntityManager } from 'typeorm';
import { returningRows } from '../shared/sql';
import type { User } from '../user/user.entity';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(issuer: string, email: string, secret: string): string {
  return authenticator.keyuri(email, issuer, secret);
}

/** The time step a code belongs to, when it matches now or one step either side (clock drift). */
export function matchingTimeStep(secret: string, code: string, nowMs = Date.now()): number | null {
  try {
    const delta = authenticator.clone({ window: 1, epoch: nowMs }).checkDelta(code, secret);
    return delta === null ? null : Math.floor(nowMs / 1000 / STEP_SECONDS) + delta;
  } catch {
    return null;
  }
}

/**
 * Accepts a code at most once: it must match the current step or one step either side, and its
 * step must be later than the last one this user used (RFC 6238 §5.2). The step is recorded with a
 * conditional update, so two concurrent uses of one code cannot both succeed.
 */
export async function acceptTotpCode(manager: EntityManager, user: Pick<User, 'id'>, secret: string, code: string): Promise<boolean> {
  const timeStep = matchingTimeStep(secret, code);
  if (timeStep === null) return false;
  const recorded = await returningRows(
    manager,
    `UPDATE app_user SET mfa_last_time_step = $2 WHERE id = $1 AND (mfa_last_time_step IS NULL OR mfa_last_time_step < $2) RETURNING id`,
    [user.id, timeStep],
  );
  return recorded.length === 1;
}
