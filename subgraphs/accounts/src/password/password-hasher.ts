import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** Checks a password; `needsRehash` says the stored hash used weaker parameters than today's. */
export async function verifyPassword(hash: string, password: string): Promise<{ matches: boolean; needsRehash: boolean }> {
  let matches = false;
  try {
    matches = await argon2.verify(hash, password);
  } catch {
    matches = false;
  }
  return { matches, needsRehash: matches && argon2.needsRehash(hash, OPTIONS) };
}

/**
 * Costs what checking a real password costs, for callers who have no account to check against:
 * an unknown email then takes as long as a wrong password (OWASP, "Authentication responses").
 */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}
