/** What inventory publishes about reservations (see schema/events.md). */
export const ReservationEvents = {
  reserved: 'inventory.reserved',
  reservationFailed: 'inventory.reservation-failed',
  committed: 'inventory.committed',
  commitFailed: 'inventory.commit-failed',
  released: 'inventory.released',
} as const;

export enum ReservationStatus {
  PENDING = 'PENDING',
  RESERVED = 'RESERVED',
  COMMITTED = 'COMMITTED',
  RELEASED = 'RELEASED',
  FAILED = 'FAILED',
}

export interface ReservationLine {
  productId: string;
  quantity: number;
}
