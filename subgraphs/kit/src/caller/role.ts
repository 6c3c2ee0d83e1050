import { registerEnumType } from 'type-graphql';

/** Who a caller is to the platform (BLUEPRINT "Callers and access"). */
export enum Role {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  MERCHANT = 'MERCHANT',
  STORE_STAFF = 'STORE_STAFF',
  CUSTOMER = 'CUSTOMER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'A role a user holds on the platform.',
  valuesConfig: {
    PLATFORM_ADMIN: { description: 'Runs the platform: sees and manages every store.' },
    MERCHANT: { description: 'Owns a store and manages everything in it.' },
    STORE_STAFF: { description: 'Works in a store: products, stock and orders.' },
    CUSTOMER: { description: 'Shops: their own orders, payments and notifications.' },
  },
});

export const STORE_ROLES: readonly Role[] = [Role.MERCHANT, Role.STORE_STAFF];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}
