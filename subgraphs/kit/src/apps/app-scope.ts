import { registerEnumType } from 'type-graphql';

/**
 * What an app may do in its store: a closed set, each opening the operations listed in
 * docs/apps-and-api-keys.md. A subgraph's queries and `_entities` need its read scope, its mutations
 * its write scope (`AppAccess`); what no scope opens is closed to apps.
 */
export enum AppScope {
  read_products = 'read_products',
  write_products = 'write_products',
  read_inventory = 'read_inventory',
  write_inventory = 'write_inventory',
  read_orders = 'read_orders',
  write_orders = 'write_orders',
  read_customers = 'read_customers',
  write_customers = 'write_customers',
  read_payments = 'read_payments',
  read_shipping = 'read_shipping',
  write_shipping = 'write_shipping',
  read_reviews = 'read_reviews',
  write_reviews = 'write_reviews',
  read_analytics = 'read_analytics',
  read_store = 'read_store',
  read_webhooks = 'read_webhooks',
  write_webhooks = 'write_webhooks',
}

registerEnumType(AppScope, {
  name: 'AppScope',
  description: 'A permission granted to an app in its store (docs/apps-and-api-keys.md lists the operations each opens).',
  valuesConfig: {
    read_products: { description: 'Read products, variants, categories, collections, search and bulk operations (the staff view).' },
    write_products: { description: 'Create, change and archive products, variants, categories, collections and media; bulk import and export.' },
    read_inventory: { description: 'Read stock levels and locations.' },
    write_inventory: { description: 'Adjust, set and transfer stock; manage locations and low-stock thresholds.' },
    read_orders: { description: 'Read orders and returns, and follow their status.' },
    write_orders: { description: 'Cancel, complete, tag and refund orders; handle returns.' },
    read_customers: { description: 'Read customers, their addresses and segments.' },
    write_customers: { description: 'Create, change and delete customers, addresses and segments.' },
    read_payments: { description: 'Read payments and the store’s payment methods.' },
    read_shipping: { description: 'Read shipping zones, methods and shipments.' },
    write_shipping: { description: 'Manage shipping zones and methods; create shipments, tracking and dispatch orders.' },
    read_reviews: { description: 'Read product reviews, pending ones included.' },
    write_reviews: { description: 'Moderate and delete product reviews.' },
    read_analytics: { description: 'Read the store’s sales and order analytics.' },
    read_store: { description: 'Read the store’s own settings.' },
    read_webhooks: { description: 'Read the store’s webhook subscriptions and deliveries.' },
    write_webhooks: { description: 'Manage the store’s webhook subscriptions: create, change, rotate secrets, redeliver, replay.' },
  },
});

export const APP_SCOPES: readonly AppScope[] = Object.values(AppScope);

export function isAppScope(value: unknown): value is AppScope {
  return typeof value === 'string' && (APP_SCOPES as string[]).includes(value);
}
