import type { StoreStatus } from '@ultramarket/kit';
import type { Store } from './store.entity';
import { mergeSettings, type PaymentCaptureMode, type PriceRounding } from './store-settings';

/** What the stores subgraph publishes (see schema/events.md). storeId and aggregateId are the store's id. */
export const StoreEvents = {
  created: 'stores.created',
  updated: 'stores.updated',
  statusChanged: 'stores.status-changed',
  staffAdded: 'stores.staff-added',
  staffRemoved: 'stores.staff-removed',
  staffInvited: 'stores.staff-invited',
  domainVerified: 'stores.domain-verified',
} as const;

/**
 * The settings other subgraphs act on at checkout (orders refuses guests or a missing phone from
 * them; cart prices with pricesIncludeTax and priceRounding; payments authorizes or charges by paymentCaptureMode; orders opens returns within returnWindowDays). Only these: the rest of a store's settings are its staff's business.
 */
export interface StoreCheckoutSettingsData {
  guestCheckoutEnabled: boolean;
  requirePhoneAtCheckout: boolean;
  pricesIncludeTax: boolean;
  priceRounding: PriceRounding;
  /** Payments authorizes instead of charging in a MANUAL store. */
  paymentCaptureMode: PaymentCaptureMode;
  /** Orders refuses a return asked for later than this many days after delivery (0: no returns). */
  returnWindowDays: number;
}

export interface StoreCreatedData {
  storeId: string;
  ownerId: string;
  name: string;
  slug: string;
  domain: string;
  currency: string;
  locale: string;
  timezone: string;
  status: StoreStatus;
  settings: StoreCheckoutSettingsData;
}

export interface StoreUpdatedData {
  storeId: string;
  name: string;
  slug: string;
  domain: string;
  customDomain: string | null;
  currency: string;
  locale: string;
  timezone: string;
  settings: StoreCheckoutSettingsData;
  /** The input fields that changed, e.g. ["name", "settings"] or ["theme"]. */
  changed: string[];
}

export interface StoreStatusChangedData {
  storeId: string;
  status: StoreStatus;
  previousStatus: StoreStatus;
  reason: string | null;
}

export interface StoreStaffData {
  storeId: string;
  userId: string;
  role: string;
}

/**
 * Someone was invited to a store's staff. It carries no secret: the invitee accepts signed in, as the
 * user the invitation names (`userId`) or the user who verified its `email`.
 */
export interface StoreStaffInvitedData {
  storeId: string;
  storeName: string;
  invitationId: string;
  /** The invitee's email (lower case) when invited by email, else null. */
  email: string | null;
  /** The invitee's user id when invited by user, else null. */
  userId: string | null;
  role: string;
  /** The merchant (or platform admin) who invited them. */
  invitedBy: string;
  expiresAt: string;
}

export interface StoreDomainVerifiedData {
  storeId: string;
  /** The custom domain that now serves the store. */
  customDomain: string;
}

const checkoutSettings = (store: Store): StoreCheckoutSettingsData => {
  const settings = mergeSettings(store.settings, null);
  return {
    guestCheckoutEnabled: settings.guestCheckoutEnabled,
    requirePhoneAtCheckout: settings.requirePhoneAtCheckout,
    pricesIncludeTax: settings.pricesIncludeTax,
    priceRounding: settings.priceRounding,
    paymentCaptureMode: settings.paymentCaptureMode,
    returnWindowDays: settings.returnWindowDays,
  };
};

export function storeCreatedData(store: Store): StoreCreatedData {
  const { id, ownerId, name, slug, domain, currency, locale, timezone, status } = store;
  return { storeId: id, ownerId, name, slug, domain, currency, locale, timezone, status, settings: checkoutSettings(store) };
}

export function storeUpdatedData(store: Store, changed: string[]): StoreUpdatedData {
  const { id, name, slug, domain, customDomain, currency, locale, timezone } = store;
  return { storeId: id, name, slug, domain, customDomain, currency, locale, timezone, settings: checkoutSettings(store), changed };
}
