import { envReader, type Env } from '@ultramarket/kit';

export interface ReservationConfig {
  /** How long stock is held for an unpaid order (INVENTORY_RESERVATION_TTL_SECONDS, default 900 = 15 minutes). */
  ttlSeconds: number;
  /**
   * How long stock is held for a guest's unpaid order (INVENTORY_GUEST_RESERVATION_TTL_SECONDS, default
   * 300 = 5 minutes; never more than ttlSeconds): anyone can place guest orders, so what they hold lapses sooner.
   */
  guestTtlSeconds: number;
  /** How often expired reservations are looked for (INVENTORY_RESERVATION_SWEEP_MS, default 5000). */
  sweepIntervalMs: number;
}

export function loadReservationConfig(env: Env = process.env): ReservationConfig {
  const read = envReader(env);
  return {
    ttlSeconds: read.int('INVENTORY_RESERVATION_TTL_SECONDS', 900, { min: 1 }),
    guestTtlSeconds: read.int('INVENTORY_GUEST_RESERVATION_TTL_SECONDS', 300, { min: 1 }),
    sweepIntervalMs: read.int('INVENTORY_RESERVATION_SWEEP_MS', 5000, { min: 50 }),
  };
}
