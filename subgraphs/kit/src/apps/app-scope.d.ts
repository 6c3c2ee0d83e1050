/**
 * What an app may do in its store: a closed set, each opening the operations listed in
 * docs/apps-and-api-keys.md. A subgraph's queries and `_entities` need its read scope, its mutations
 * its write scope (`AppAccess`); what no scope opens is closed to apps.
 */
export declare enum AppScope {
    read_products = "read_products",
    write_products = "write_products",
    read_inventory = "read_inventory",
    write_inventory = "write_inventory",
    read_orders = "read_orders",
    write_orders = "write_orders",
    read_customers = "read_customers",
    write_customers = "write_customers",
    read_payments = "read_payments",
    read_shipping = "read_shipping",
    write_shipping = "write_shipping",
    read_reviews = "read_reviews",
    write_reviews = "write_reviews",
    read_analytics = "read_analytics",
    read_store = "read_store",
    read_webhooks = "read_webhooks",
    write_webhooks = "write_webhooks"
}
export declare const APP_SCOPES: readonly AppScope[];
export declare function isAppScope(value: unknown): value is AppScope;
