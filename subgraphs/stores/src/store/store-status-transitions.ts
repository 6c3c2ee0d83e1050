import { StoreStatus } from '@ultramarket/kit';

/** Who may make a status transition: the store's merchants (and platform admins), or platform admins only. */
export enum TransitionActor {
  STORE_MERCHANT = 'STORE_MERCHANT',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
}

const { STORE_MERCHANT, PLATFORM_ADMIN } = TransitionActor;

/**
 * Every transition a store's status may make, and who may make it. An owner pauses and resumes;
 * suspension, its lifting and closing are the platform's. CLOSED is final. Anything not listed
 * (staying put included) is an invalid transition.
 */
const TRANSITIONS: Record<StoreStatus, Partial<Record<StoreStatus, TransitionActor>>> = {
  [StoreStatus.ACTIVE]: { [StoreStatus.PAUSED]: STORE_MERCHANT, [StoreStatus.SUSPENDED]: PLATFORM_ADMIN, [StoreStatus.CLOSED]: PLATFORM_ADMIN },
  [StoreStatus.PAUSED]: { [StoreStatus.ACTIVE]: STORE_MERCHANT, [StoreStatus.SUSPENDED]: PLATFORM_ADMIN, [StoreStatus.CLOSED]: PLATFORM_ADMIN },
  [StoreStatus.SUSPENDED]: { [StoreStatus.ACTIVE]: PLATFORM_ADMIN, [StoreStatus.CLOSED]: PLATFORM_ADMIN },
  [StoreStatus.CLOSED]: {},
};

/** Who may move a store from `from` to `to`; null when no one may. */
export function transitionActor(from: StoreStatus, to: StoreStatus): TransitionActor | null {
  return TRANSITIONS[from][to] ?? null;
}
