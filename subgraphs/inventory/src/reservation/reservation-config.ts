import { envReader, type Env } from '@ultramarket/kit';

export interface ReservationConfig {
  /** How long stock is held for an unpaid order (INVENTORY_RESERVATION_TTL_SECONDS, default 900 = 15 minutes). */
  ttlSeconds: number;
  /** How often expired reservations are looked for (INVENTORY_RESERVATION_SWEEP_MS, default 5000). */
  sweepIntervalMs: number;
}

export function loadReservationConfig(env: Env = process.env): ReservationConfig {
  const read = envReader(env);
  return {
    ttlSeconds: read.int('INVENTORY_RESERVATION_TTL_SECONDS', 900, { min: 1 }),
    sweepIntervalMs: read.int('INVENTORY_RESERVATION_SWEEP_MS', 5000, { min: 50 }),
  };
}
