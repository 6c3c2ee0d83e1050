import type { Allocation } from './reservation.events';

/** A variant's stock at one active location, as the reservation sees it with the row locked. */
export interface Candidate {
  locationId: string;
  available: number;
  priority: number;
  /** When the location was created: the older fills first among equal priorities. */
  locationCreatedAt: Date;
}

/**
 * Where a line's units come from (the location rule, see README and docs/order-saga.md): the active
 * location with the lowest priority (then the oldest, then the lowest id) that can fill the whole line;
 * if none can, the line is split across the active locations in that same order. Null when all of them
 * together have fewer units than the line asks for.
 */
export function allocate(quantity: number, candidates: Candidate[]): Allocation[] | null {
  const ordered = [...candidates].sort(
    (a, b) =>
      a.priority - b.priority ||
      a.locationCreatedAt.getTime() - b.locationCreatedAt.getTime() ||
      (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
  );
  const whole = ordered.find((candidate) => candidate.available >= quantity);
  if (whole) return [{ locationId: whole.locationId, quantity }];
  const allocations: Allocation[] = [];
  let missing = quantity;
  for (const candidate of ordered) {
    if (missing === 0) break;
    const taken = Math.min(candidate.available, missing);
    if (taken <= 0) continue;
    allocations.push({ locationId: candidate.locationId, quantity: taken });
    missing -= taken;
  }
  return missing === 0 ? allocations : null;
}
