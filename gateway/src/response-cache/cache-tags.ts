import { Kind, visit, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { EventEnvelope } from '@ultramarket/kit';
import { rootArguments, type OperationCachePolicy } from './operation-cache-policy';

/**
 * The tags a cached response is filed under, and the events that delete them. A response is tagged by
 * the entities it was asked about (`Product:<id>`, `Store:<id>`), by the per-store product list it holds
 * (`Product:list:<storeId>`), by the store it was asked in (`store:<storeId>`: a store's status decides
 * what its shoppers see at all) and, for a store found by slug or domain, by `Store:lookup`.
 */
export const CacheTags = {
  product: (productId: string) => `Product:${productId}`,
  productList: (storeId: string) => `Product:list:${storeId}`,
  store: (storeId: string) => `Store:${storeId}`,
  storeLookup: 'Store:lookup',
  storeScope: (storeId: string) => `store:${storeId}`,
} as const;

/** The store a request is asked in, for keys and tags: `-` when none. */
export const NO_STORE = '-';

/** A cacheable response's tags, from its root fields and arguments; null for a root field no event would invalidate. */
export function responseTags(policy: OperationCachePolicy, variables: Record<string, unknown>, storeId: string): string[] | null {
  const tags = new Set<string>([CacheTags.storeScope(storeId)]);
  for (const root of policy.roots) {
    // a search holds the store's products, their stock, categories and collections, as a list does
    if (root.name === 'products' || root.name === 'productSearch' || root.name === 'searchSuggestions') {
      // a list asked in no store is not tied to one store's events
      if (storeId === NO_STORE) return null;
      tags.add(CacheTags.productList(storeId));
    } else if (root.name === 'product') {
      tags.add(CacheTags.product(String(rootArguments(root, variables).id)));
    } else if (root.name === 'store') {
      tags.add(CacheTags.store(String(rootArguments(root, variables).id)));
    } else if (root.name === 'storeBySlug' || root.name === 'storeByDomain') {
      tags.add(CacheTags.storeLookup);
    } else {
      return null;
    }
  }
  return [...tags];
}

/**
 * What a write by a store's staff or a platform admin through this gateway may have changed, deleted as
 * soon as it is answered (read-your-writes at the gateway that took it; other replicas wait for the event):
 * everything asked in the caller's store and in every store the write names (a `storeId` argument or
 * input field, inline or in its variables), those stores' own reads, and every store lookup by slug or domain.
 */
export function ownWriteTags(callerStoreId: string | null, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string[] {
  const stores = new Set<string>();
  if (callerStoreId) stores.add(callerStoreId);
  const named = (name: string, value: ValueNode) => {
    if (name === 'storeId' && value.kind === Kind.STRING) stores.add(value.value);
  };
  visit(operation, { Argument: (node) => named(node.name.value, node.value), ObjectField: (node) => named(node.name.value, node.value) });
  collectStoreIds(variables, stores, 0);
  return [CacheTags.storeLookup, ...[...stores].flatMap((storeId) => [CacheTags.storeScope(storeId), CacheTags.store(storeId)])];
}

function collectStoreIds(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'storeId' && typeof item === 'string') into.add(item);
    else collectStoreIds(item, into, depth + 1);
  }
}

/** The event types the gateway follows to invalidate the response cache (schema/events.md). */
export const INVALIDATING_EVENTS = [
  'catalog.product-created',
  'catalog.product-updated',
  'catalog.product-categories-changed',
  'catalog.collection-updated',
  'catalog.collection-deleted',
  'inventory.stock-changed',
  'stores.updated',
  'stores.status-changed',
  'stores.domain-verified',
] as const;

/**
 * The tags an event makes stale. A product event or a stock change (aggregate: the product) deletes
 * the product's own reads and every product list and search of its store (a category or collection
 * change too: it moves products between a search's facets); a store event deletes the store's
 * reads, every lookup by slug or domain and everything asked in that store (a suspended store's
 * products disappear for its shoppers).
 */
export function tagsOfEvent(event: EventEnvelope): string[] {
  const storeId = event.storeId ?? NO_STORE;
  if (event.type.startsWith('catalog.') || event.type === 'inventory.stock-changed') {
    const productId = typeof event.data.productId === 'string' ? event.data.productId : event.aggregateId;
    return [CacheTags.product(productId), CacheTags.productList(storeId)];
  }
  if (event.type.startsWith('stores.')) return [CacheTags.store(storeId), CacheTags.storeLookup, CacheTags.storeScope(storeId)];
  return [];
}
