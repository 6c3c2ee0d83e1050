import { randomUUID } from 'node:crypto';
import { envelopeFor, inScope, type ShippingMethodRates } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';

export interface CatalogVariant {
  variantId: string;
  sku: string | null;
  price: { amount: number; currencyCode: string };
  options: { name: string; value: string }[];
  weightGrams?: number | null;
}

export const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

/** A product's variants for tests: the first keeps the product's id (the catalog's contract for a default variant). */
export function productWith(prices: number[], currencyCode = 'USD'): { productId: string; variants: CatalogVariant[] } {
  const productId = randomUUID();
  const variants = prices.map((amount, index) => ({
    variantId: index === 0 ? productId : randomUUID(),
    sku: `SKU-${productId.slice(0, 4)}-${index}`,
    price: { amount, currencyCode },
    options: prices.length === 1 ? [] : [{ name: 'Size', value: ['S', 'M', 'L', 'XL'][index] ?? `#${index}` }],
    weightGrams: 250,
  }));
  return { productId, variants };
}

/** Catalog and stores events as those subgraphs publish them (schema/events.md), sent straight to the suite's JetStream. */
export function upstreamEvents(subgraph: () => TestSubgraph) {
  const publish = async (type: string, storeId: string, aggregateId: string, data: Record<string, unknown>, aggregateVersion = 1) => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId, aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  /** Returns once the subgraph recorded the event as handled (applied, or left alone as older). */
  const handled = (storeId: string, eventId: string) =>
    eventually(
      async () =>
        (await inScope(subgraph().runtime.dataSource, storeId, (manager) => manager.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [eventId])))
          .length > 0,
      15_000,
      `event ${eventId} handled`,
    );

  /** The whole product (catalog.product-created for version 1, else -updated), handled. */
  const productEvent = async (
    storeId: string,
    productId: string,
    version: number,
    variants: CatalogVariant[],
    product: { title?: string; status?: string; publishedAt?: string | null; tags?: string[]; vendor?: string | null; taxClass?: string | null } = {},
  ) => {
    const event = await publish(
      version === 1 ? 'catalog.product-created' : 'catalog.product-updated',
      storeId,
      productId,
      {
        productId,
        title: product.title ?? 'Tee',
        handle: `tee-${productId}`,
        status: product.status ?? 'ACTIVE',
        price: { amount: Math.min(...variants.map((variant) => variant.price.amount)), currencyCode: variants[0].price.currencyCode },
        category: null,
        tags: product.tags ?? ['summer'],
        vendor: product.vendor ?? 'Acme',
        productType: 'Shirt',
        publishedAt: product.publishedAt ?? null,
        taxClass: product.taxClass ?? null,
        options: [],
        variants: variants.map((variant, position) => ({
          position,
          barcode: null,
          compareAtPrice: null,
          trackInventory: true,
          mediaId: null,
          weightGrams: null,
          ...variant,
          title: variant.options.length === 0 ? 'Default' : variant.options.map((option) => option.value).join(' / '),
        })),
      },
      version,
    );
    await handled(storeId, event.id);
    return event;
  };

  /** stores.created with the store's currency, handled. */
  const storeCreated = async (storeId: string, currency = 'USD', pricing: { pricesIncludeTax?: boolean; priceRounding?: string } = {}) => {
    const event = await publish('stores.created', storeId, storeId, {
      storeId,
      ownerId: randomUUID(),
      name: 'Shop',
      slug: `shop-${storeId.slice(0, 8)}`,
      domain: `shop-${storeId.slice(0, 8)}.example.test`,
      currency,
      locale: 'en',
      timezone: 'UTC',
      status: 'ACTIVE',
      settings: { guestCheckoutEnabled: true, requirePhoneAtCheckout: false, ...pricing },
    });
    await handled(storeId, event.id);
    return event;
  };

  /** catalog.collection-updated adding and removing products, handled. */
  const collectionUpdated = async (storeId: string, collectionId: string, version: number, added: string[], removed: string[] = []) => {
    const event = await publish(
      'catalog.collection-updated',
      storeId,
      collectionId,
      { collectionId, handle: `c-${collectionId}`, title: 'Collection', published: true, addedProductIds: added, removedProductIds: removed },
      version,
    );
    await handled(storeId, event.id);
    return event;
  };

  /** shipping.method-updated carrying the whole method (the kit's ShippingMethodRates and its carrier), handled. */
  const shippingMethodUpdated = async (storeId: string, method: ShippingMethodRates, version: number) => {
    const carrier = { code: 'manual', name: 'Manual', trackingUrlTemplate: null };
    const event = await publish('shipping.method-updated', storeId, method.methodId, { ...method, carrier }, version);
    await handled(storeId, event.id);
    return event;
  };

  /** shipping.method-deleted, one version past the method's last update, handled. */
  const shippingMethodDeleted = async (storeId: string, method: ShippingMethodRates, version: number) => {
    const event = await publish('shipping.method-deleted', storeId, method.methodId, { methodId: method.methodId, zoneId: method.zone.zoneId }, version);
    await handled(storeId, event.id);
    return event;
  };

  return { publish, handled, productEvent, storeCreated, collectionUpdated, shippingMethodUpdated, shippingMethodDeleted };
}
