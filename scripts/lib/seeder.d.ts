import type { MailCatcher } from './mail-catcher';

export interface SeededDemo {
  storeId: string;
  secondStoreId: string;
  staffUserId: string;
  shopperUserId: string;
  tokenCommands: { owner: string; staff: string; shopper: string };
  /** What this run made, by kind (orders: placed or taken up again). */
  created: Record<
    | 'stores'
    | 'products'
    | 'users'
    | 'verified'
    | 'staff'
    | 'customers'
    | 'addresses'
    | 'orders'
    | 'segments'
    | 'locations'
    | 'images'
    | 'categories'
    | 'collections'
    | 'shippingZones'
    | 'shippingMethods'
    | 'promotions'
    | 'taxRules',
    number
  >;
  /** The demo store's products. */
  totalCount: number;
}

export function seedDemoStore(options: {
  gatewayUrl: string;
  log?: (message: string) => void;
  stockTimeoutMs?: number;
  /** The mail catcher notifications sends to (startMailCatcher): users registered now are verified from their verification email. */
  mailbox?: Pick<MailCatcher, 'waitForEmail'>;
}): Promise<SeededDemo>;
export function tokenCommand(storeId: string): string;
