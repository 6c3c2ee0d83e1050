import { randomUUID } from 'node:crypto';
import { envelopeFor, ensureStream, inScope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';

/** A variant as the issue 13 contract's product events carry it. */
export interface ContractVariant {
  variantId: string;
  sku: string | null;
  price: { amount: number; currencyCode: string };
  trackInventory: boolean;
  options: { name: string; value: string }[];
}

/** A whole product as `catalog.product-updated` carries it once variants exist (contract of issue 13). */
export interface ContractProduct {
  productId: string;
  title: string;
  status: string;
  tags: string[];
  vendor: string | null;
  productType: string | null;
  publishedAt: string | null;
  variants: ContractVariant[];
}

/**
 * Publishes contract-shaped events into a test subgraph's namespace, as the other parts of issue 13
 * (variants, categories and collections, inventory per variant, stores) will, and waits until the
 * search document has taken each in.
 */
export function searchEvents(subgraph: () => TestSubgraph) {
  const versions = new Map<string, number>();
  const publish = async (type: string, storeId: string, aggregateId: string, aggregateVersion: number, data: Record<string, unknown>) => {
    const { js, jsm, names } = subgraph().runtime;
    await ensureStream(jsm, names, type.split('.')[0]);
    const event = envelopeFor({ type, storeId, aggregateId, aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const documentOf = async (storeId: string, productId: string) => {
    const [row] = await inScope(subgraph().runtime.dataSource, storeId, (manager) =>
      manager.query(`SELECT * FROM product_search_document WHERE product_id = $1`, [productId]),
    );
    return row as Record<string, unknown> | undefined;
  };
  return {
    documentOf,
    /** `catalog.product-updated` with the whole product, at a version above every one used so far for it (from 100, above createProduct's). */
    async productUpdated(storeId: string, product: ContractProduct): Promise<void> {
      const version = (versions.get(product.productId) ?? 100) + 1;
      versions.set(product.productId, version);
      const lowest = product.variants.reduce((low, variant) => (variant.price.amount < low.price.amount ? variant : low), product.variants[0]);
      await publish('catalog.product-updated', storeId, product.productId, version, {
        ...product,
        handle: product.productId,
        price: lowest.price,
        category: null,
        options: [],
      });
      await eventually(async () => (await documentOf(storeId, product.productId))?.version === version, 10_000, `document of ${product.title}`);
    },
    async categoriesChanged(storeId: string, productId: string, categoryPathIds: string[]): Promise<void> {
      await publish('catalog.product-categories-changed', storeId, productId, 1, { productId, categoryIds: categoryPathIds.slice(-1), categoryPathIds });
      await eventually(
        async () =>
          JSON.stringify(((await documentOf(storeId, productId))?.category_path_ids as string[] | undefined)?.sort()) ===
          JSON.stringify([...categoryPathIds].sort()),
        10_000,
        'categories in the document',
      );
    },
    async collectionUpdated(storeId: string, collectionId: string, added: string[], removed: string[] = [], published = true): Promise<void> {
      await publish('catalog.collection-updated', storeId, collectionId, 1, {
        collectionId,
        handle: collectionId,
        title: 'A collection',
        published,
        addedProductIds: added,
        removedProductIds: removed,
      });
      await eventually(
        async () => {
          for (const id of added) if (!((await documentOf(storeId, id))?.collection_ids as string[] | undefined)?.includes(collectionId)) return false;
          for (const id of removed) if (((await documentOf(storeId, id))?.collection_ids as string[] | undefined)?.includes(collectionId)) return false;
          return true;
        },
        10_000,
        'collection membership in the documents',
      );
    },
    /** `inventory.stock-changed` for one variant: `available` across all its locations. */
    async stockChanged(storeId: string, productId: string, variantId: string, available: number): Promise<void> {
      await publish('inventory.stock-changed', storeId, productId, 1, {
        productId,
        variantId,
        locationId: randomUUID(),
        onHand: available,
        reserved: 0,
        available,
        delta: 0,
        reason: 'test',
        variant: { onHand: available, reserved: 0, available },
        location: { onHand: available, reserved: 0, available, incoming: 0, lowStockThreshold: 0 },
      });
      await eventually(
        async () => {
          const availability = (await documentOf(storeId, productId))?.variant_availability as Record<string, { available: number }> | undefined;
          return availability?.[variantId]?.available === available;
        },
        10_000,
        'stock in the document',
      );
    },
    /** `stores.created` with the store's locale, and waits for the catalog's copy. */
    async storeCreated(storeId: string, locale: string): Promise<void> {
      await publish('stores.created', storeId, storeId, 1, {
        storeId,
        name: 'A store',
        slug: storeId,
        currency: 'EUR',
        locale,
        timezone: 'UTC',
        status: 'ACTIVE',
      });
      await eventually(
        async () => {
          const [row] = await inScope(subgraph().runtime.dataSource, storeId, (manager) =>
            manager.query(`SELECT locale FROM store_locale WHERE store_id = $1`, [storeId]),
          );
          return row?.locale === locale;
        },
        10_000,
        `store ${storeId} in ${locale}`,
      );
    },
  };
}
