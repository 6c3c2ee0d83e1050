import { registerEnumType } from 'type-graphql';

/** Where a store stands on the platform; owned by the stores subgraph, followed by the others. */
export enum StoreStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}

registerEnumType(StoreStatus, {
  name: 'StoreStatus',
  description: 'Where a store stands: whether shoppers can browse it and check out.',
  valuesConfig: {
    ACTIVE: { description: 'Open: shoppers browse and check out.' },
    PAUSED: { description: 'Paused by its owner: the storefront can be browsed, checkouts are refused, the admin works as usual.' },
    SUSPENDED: { description: 'Suspended by the platform: the storefront shows nothing and checkouts are refused; the admin can still read.' },
    CLOSED: { description: 'Closed for good by the platform: the storefront shows nothing and checkouts are refused.' },
  },
});

export function isStoreStatus(value: unknown): value is StoreStatus {
  return typeof value === 'string' && (Object.values(StoreStatus) as string[]).includes(value);
}

/** Whether shoppers see the store's catalog at all. */
export function storefrontVisible(status: StoreStatus): boolean {
  return status === StoreStatus.ACTIVE || status === StoreStatus.PAUSED;
}

/** Whether the store takes new orders and payments. */
export function acceptsCheckout(status: StoreStatus): boolean {
  return status === StoreStatus.ACTIVE;
}

/**
 * Whether the store's own staff may change its data: not while the platform has it SUSPENDED or
 * CLOSED (they may still read it). PAUSED is the owner's choice and changes nothing for the admin.
 */
export function acceptsStaffChanges(status: StoreStatus): boolean {
  return status === StoreStatus.ACTIVE || status === StoreStatus.PAUSED;
}
