import { Role } from '@ultramarket/kit';

/** The roles a store gives its people (the kit's MERCHANT and STORE_STAFF). */
export const STAFF_ROLES = [Role.MERCHANT, Role.STORE_STAFF] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return value === Role.MERCHANT || value === Role.STORE_STAFF;
}
