/** What inventory publishes about reservations (see schema/events.md). */
export const ReservationEvents = {
  reserved: 'inventory.reserved',
  reservationFailed: 'inventory.reservation-failed',
  committed: 'inventory.committed',
  commitFailed: 'inventory.commit-failed',
  released: 'inventory.released',
  reservationExtended: 'inventory.reservation-extended',
} as const;

export enum ReservationStatus {
  PENDING = 'PENDING',
  RESERVED = 'RESERVED',
  COMMITTED = 'COMMITTED',
  RELEASED = 'RELEASED',
  FAILED = 'FAILED',
}

/** An order line as orders.created gives it; a line without `variantId` (from before variants) is the product's default variant. */
export interface OrderLine {
  productId: string;
  variantId?: string | null;
  quantity: number;
}

/** Units of a line taken from one location. */
export interface Allocation {
  locationId: string;
  quantity: number;
}

/** A line of inventory.reserved: where its units are held (none for a variant that does not track inventory). */
export interface ReservedLine {
  productId: string;
  variantId: string;
  quantity: number;
  allocations: Allocation[];
}

/** One row of reservation_line: the units of a variant held at one location. */
export interface HeldUnits {
  productId: string;
  variantId: string;
  locationId: string;
  quantity: number;
}
