import { isUuid, PermanentEventError, type EventEnvelope } from '@ultramarket/kit';
import type { SelectedOptionValue } from './variant-snapshot.entity';

interface MoneyData {
  amount: number;
  currencyCode: string;
}

/** What orders reads of catalog.product-created / -updated (schema/events.md; the whole product every time). */
export interface ProductEventData {
  productId: string;
  title: string;
  status: string;
  price: MoneyData;
  publishedAt?: string | null;
  /** Absent from events published before products had variants: then the product is its default variant. */
  variants?: {
    variantId: string;
    position: number;
    title: string;
    sku: string | null;
    price: MoneyData;
    trackInventory: boolean;
    options: SelectedOptionValue[];
  }[];
}

/** A variant as `variant_snapshot` keeps it (snake case: the handler hands the list to `jsonb_to_recordset`). */
export interface ListedVariant {
  variant_id: string;
  title: string;
  sku: string | null;
  selected_options: SelectedOptionValue[];
  price_amount: number;
  currency_code: string;
  track_inventory: boolean;
  position: number;
}

const DEFAULT_VARIANT_TITLE = 'Default';

function isPrice(price: MoneyData | undefined): price is MoneyData {
  return Number.isSafeInteger(price?.amount) && price!.amount >= 0 && /^[A-Z]{3}$/.test(price!.currencyCode ?? '');
}

/**
 * The variants a product event lists, checked: an event that cannot be read as the contract says is a
 * permanent failure (dead-lettered), never half-applied. Without `variants` the product is one default
 * variant whose id is the product's, at the product's price, inventory tracked, no SKU.
 */
export function listedVariantsOf(event: EventEnvelope<ProductEventData>): ListedVariant[] {
  const { data } = event;
  const refuse = (why: string) => new PermanentEventError(`${event.type} ${event.id} ${why}`);
  if (!isPrice(data.price)) throw refuse('has no valid price');
  if (data.variants === undefined || data.variants === null) {
    return [
      {
        variant_id: data.productId,
        title: DEFAULT_VARIANT_TITLE,
        sku: null,
        selected_options: [],
        price_amount: data.price.amount,
        currency_code: data.price.currencyCode,
        track_inventory: true,
        position: 0,
      },
    ];
  }
  if (!Array.isArray(data.variants)) throw refuse('has a malformed variants list');
  return data.variants.map((variant, index) => {
    if (!isUuid(variant?.variantId)) throw refuse(`lists a variant without a valid id (#${index})`);
    if (!isPrice(variant.price)) throw refuse(`lists variant ${variant.variantId} without a valid price`);
    const options = Array.isArray(variant.options) ? variant.options : [];
    return {
      variant_id: variant.variantId,
      title: typeof variant.title === 'string' && variant.title !== '' ? variant.title : DEFAULT_VARIANT_TITLE,
      sku: typeof variant.sku === 'string' ? variant.sku : null,
      selected_options: options.map((option) => ({ name: String(option.name), value: String(option.value) })),
      price_amount: variant.price.amount,
      currency_code: variant.price.currencyCode,
      track_inventory: variant.trackInventory !== false,
      position: Number.isInteger(variant.position) ? variant.position : index,
    };
  });
}

/** The event's publication time, or null ("on sale as soon as ACTIVE"). */
export function publishedAtOf(event: EventEnvelope<ProductEventData>): Date | null {
  const { publishedAt } = event.data;
  if (publishedAt === undefined || publishedAt === null) return null;
  const at = new Date(publishedAt);
  if (Number.isNaN(at.getTime())) throw new PermanentEventError(`${event.type} ${event.id} has an invalid publishedAt`);
  return at;
}
