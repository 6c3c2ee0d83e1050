import { Kind, visit, type FieldNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { EventEnvelope } from '@ultramarket/kit';
import { rootArguments, type OperationCachePolicy } from './operation-cache-policy';

/**
 * The tags a cached response is filed under, and the events that delete them. A response is tagged by
 * the entities it was asked about (`Product:<id>`, `Store:<id>`), by the per-store product list it holds
 * (`Product:list:<storeId>`), by the store it was asked in (`store:<storeId>`: a store's status decides
 * what its shoppers see at all) and, for a store found by slug or domain, by `Store:lookup`. A variant
 * (`productVariant(id)`) is filed under its product (`Product:<productId>`, read from the answer:
 * `answerTags`), because every change to a variant is a `catalog.product-updated` of its product. Every read
 * that may show a store's categories or collections (their own roots, and products with their
 * `categories`/`collections`) is also filed under `Catalog:groups:<storeId>`; category and collection
 * reads show products too (counts, lists), so they are filed under the store's product list as well.
 */
export const CacheTags = {
  product: (productId: string) => `Product:${productId}`,
  productList: (storeId: string) => `Product:list:${storeId}`,
  catalogGroups: (storeId: string) => `Catalog:groups:${storeId}`,
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
      tags.add(CacheTags.catalogGroups(storeId));
    } else if (root.name === 'product') {
      tags.add(CacheTags.product(String(rootArguments(root, variables).id)));
      if (storeId !== NO_STORE) tags.add(CacheTags.catalogGroups(storeId));
    } else if (root.name === 'productVariant') {
      // its product is known only from the answer (answerTags); the default variant's id is its product's
      tags.add(CacheTags.product(String(rootArguments(root, variables).id)));
      // its product's categories and collections may be asked through it
      if (storeId !== NO_STORE) tags.add(CacheTags.catalogGroups(storeId));
    } else if (CATALOG_GROUP_ROOTS.has(root.name)) {
      if (storeId === NO_STORE) return null;
      tags.add(CacheTags.catalogGroups(storeId));
      tags.add(CacheTags.productList(storeId));
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
 * Tags only the answer knows, added when it is stored; null when it must not be kept. A variant's
 * answer is kept only when it names its product (`productVariant(id) { product { id } … }`): the
 * product's events are what make it stale, and a variant that is not found (or not yet visible) is not
 * kept at all, since no event names an id that does not exist yet.
 */
export function answerTags(roots: readonly { name: string; node: FieldNode }[], data: Record<string, unknown>): string[] | null {
  const tags: string[] = [];
  for (const root of roots) {
    if (root.name !== 'productVariant') continue;
    const productId = selectedProductId(root.node, data[root.node.alias?.value ?? root.name]);
    if (productId === null) return null;
    tags.push(CacheTags.product(productId));
  }
  return tags;
}

/** `product { id }` as selected directly (aliases followed) under a variant's field, read from its answer. */
function selectedProductId(variantNode: FieldNode, variant: unknown): string | null {
  if (!variant || typeof variant !== 'object') return null;
  for (const selection of variantNode.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'product') continue;
    const product = (variant as Record<string, unknown>)[selection.alias?.value ?? 'product'];
    if (!product || typeof product !== 'object') continue;
    for (const field of selection.selectionSet?.selections ?? []) {
      if (field.kind !== Kind.FIELD || field.name.value !== 'id') continue;
      const id = (product as Record<string, unknown>)[field.alias?.value ?? 'id'];
      if (typeof id === 'string') return id;
    }
  }
  return null;
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

/** The public reads of a store's category tree and collections. */
const CATALOG_GROUP_ROOTS = new Set(['category', 'categoryByHandle', 'categories', 'collection', 'collectionByHandle', 'collections']);

/** Catalog events about categories and collections rather than a product's own fields. */
const CATALOG_GROUP_EVENTS = new Set([
  'catalog.product-categories-changed',
  'catalog.category-updated',
  'catalog.category-deleted',
  'catalog.collection-updated',
  'catalog.collection-deleted',
]);

/** The event types the gateway follows to invalidate the response cache (schema/events.md). */
export const INVALIDATING_EVENTS = [
  'catalog.product-created',
  'catalog.product-updated',
  // a product's images are part of its reads (Product.media)
  'catalog.product-media-changed',
  'catalog.product-categories-changed',
  'catalog.category-updated',
  'catalog.category-deleted',
  'catalog.collection-updated',
  'catalog.collection-deleted',
  'inventory.stock-changed',
  'stores.updated',
  'stores.status-changed',
  'stores.domain-verified',
] as const;

/**
 * The tags an event makes stale. A product event or a stock change (aggregate: the product) deletes
 * the product's own reads (its variants' among them) and every product list and search of its store (category and collection reads among
 * them: they count and list products); a category or collection change (a product's categories
 * included) deletes every read of the store's categories and collections, every product read that
 * may show them and the store's product lists and searches (their facets move); a store event deletes the store's reads, every lookup by slug or domain and
 * everything asked in that store (a suspended store's products disappear for its shoppers).
 */
export function tagsOfEvent(event: EventEnvelope): string[] {
  const storeId = event.storeId ?? NO_STORE;
  if (CATALOG_GROUP_EVENTS.has(event.type)) {
    // the store's product lists and searches too: a search's category and collection facets move
    const groups = [CacheTags.catalogGroups(storeId), CacheTags.productList(storeId)];
    return typeof event.data.productId === 'string' ? [CacheTags.product(event.data.productId), ...groups] : groups;
  }
  if (event.type.startsWith('catalog.') || event.type === 'inventory.stock-changed') {
    const productId = typeof event.data.productId === 'string' ? event.data.productId : event.aggregateId;
    return [CacheTags.product(productId), CacheTags.productList(storeId)];
  }
  if (event.type.startsWith('stores.')) return [CacheTags.store(storeId), CacheTags.storeLookup, CacheTags.storeScope(storeId)];
  return [];
}
