export interface SeedUser {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}
export interface SeedProduct {
  handle: string;
  stock: number;
  input: {
    title: string;
    handle: string;
    description: string;
    price: { amount: number; currencyCode: string };
    category: string;
    status: string;
    imageUrl?: string;
    vendor?: string;
    productType?: string;
    tags?: string[];
    options?: { name: string; values: string[] }[];
    variants?: { options: { name: string; value: string }[]; sku: string; price: { amount: number; currencyCode: string } }[];
  };
}
export interface SeedAddress {
  name: string;
  line1: string;
  city: string;
  province: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
}
export interface SeedCustomer {
  email: string;
  input: { email: string; firstName: string; lastName: string; phone: string | null; tags: string[]; acceptsMarketing: boolean; note: string };
  addresses: SeedAddress[];
}
export type SeedOrderOutcome = 'CREATED' | 'CANCELLED' | 'DECLINED' | 'CONFIRMED' | 'CONFIRMED_AFTER_DECLINE' | 'DISPATCHED' | 'COMPLETED';
export interface SeedOrder {
  key: string;
  /** Index into demoCustomers(). */
  customer: number;
  outcome: SeedOrderOutcome;
  items: { handle: string; quantity: number }[];
}
export interface SeedSegment {
  name: string;
  rules: { match: 'ALL' | 'ANY'; conditions: { field: string; operator: string; value: string }[] };
}

export const DEMO_OWNER_ID: string;
export const DEMO_STORE: { name: string; email: string; currency: string; locale: string; timezone: string };
export const DEMO_STAFF: SeedUser;
export const DEMO_SHOPPER: SeedUser;
export const DEMO_SEGMENTS: SeedSegment[];
export const PAYMENT_TOKENS: { paid: string; declined: string };
export const SECOND_OWNER_ID: string;
export const SECOND_STORE: { name: string; email: string; currency: string; locale: string; timezone: string };
export const CATEGORIES: string[];
export const DEMO_LOCATION: { name: string; code: string; priority: number; city: string; countryCode: string };
export interface SeedCategory {
  handle: string;
  name: string;
  parent: string | null;
  /** Handles of the products filed directly under it. */
  products: string[];
}
export const DEMO_CATEGORIES: SeedCategory[];
export interface SeedCollection {
  handle: string;
  input: {
    title: string;
    handle: string;
    description: string;
    kind: 'MANUAL' | 'AUTOMATED';
    published: boolean;
    match?: 'ALL' | 'ANY';
    rules?: { field: string; relation: string; value: string }[];
  };
  /** A manual collection's products, by handle, in order. */
  products: string[];
}
export const DEMO_COLLECTIONS: SeedCollection[];
export function demoProducts(): SeedProduct[];
export function demoCustomers(): SeedCustomer[];
export function demoOrders(): SeedOrder[];
export function secondStoreProducts(): SeedProduct[];
export function handleOf(title: string): string;
