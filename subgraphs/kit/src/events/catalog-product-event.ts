import { isUuid } from '../graphql/ids';
import type { EventEnvelope } from './event-envelope';
import { PermanentEventError } from './consumer-runner';

interface MoneyData {
  amount: number;
  currencyCode: string;
}

/** An option value a variant stands for, e.g. `{ name: "Size", value: "M" }`. */
export interface SelectedOptionValue {
  name: string;
  value: string;
}

/**
 * What read models of other subgraphs take from `catalog.product-created` / `-updated`
 * (schema/events.md: the whole product every time).
 */
export interface CatalogProductEventData {
  productId: string;
  title: string;
  status: string;
  price: MoneyData;
  publishedAt?: string | null;
  tags?: string[];
  vendor?: string | null;
  productType?: string | null;
  /** Absent from events published before products had tax classes: then the standard rate (null). */
  taxClass?: string | null;
  /** Absent from events published before products had variants: then the product is its default variant. */
  variants?: {
    variantId: string;
    position: number;
    title: string;
    sku: string | null;
    price: MoneyData;
    trackInventory?: boolean;
    weightGrams?: number | null;
    options: SelectedOptionValue[];
  }[];
}

/**
 * A listed variant as the read models keep it (snake case: handlers hand the list to
 * `jsonb_to_recordset`, which takes the columns it names and ignores the rest).
 */
export interface CatalogVariantRow {
  variant_id: string;
  title: string;
  sku: string | null;
  selected_options: SelectedOptionValue[];
  price_amount: number;
  currency_code: string;
  track_inventory: boolean;
  weight_grams: number | null;
  position: number;
}

/** The product's own fields besides its variants: publication, and what promotions, tax and shipping rules look at. */
export interface CatalogProductFacts {
  publishedAt: Date | null;
  tags: string[];
  vendor: string | null;
  productType: string | null;
  /** The tax class whose rules apply; null: the store's standard rate. */
  taxClass: string | null;
}

const DEFAULT_VARIANT_TITLE = 'Default';
const MAX_WEIGHT_GRAMS = 2_147_483_647;

function isPrice(price: MoneyData | undefined): price is MoneyData {
  return Number.isSafeInteger(price?.amount) && price!.amount >= 0 && /^[A-Z]{3}$/.test(price!.currencyCode ?? '');
}

function weightOf(value: unknown): number | null {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_WEIGHT_GRAMS ? (value as number) : null;
}

/**
 * The variants a product event lists, checked: an event that cannot be read as the contract says is a
 * permanent failure (dead-lettered), never half-applied. Without `variants` the product is one default
 * variant whose id is the product's, at the product's price, inventory tracked, no SKU, weight unknown.
 */
export function catalogVariantsOf(event: EventEnvelope<CatalogProductEventData>): CatalogVariantRow[] {
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
        weight_grams: null,
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
      weight_grams: weightOf(variant.weightGrams),
      position: Number.isInteger(variant.position) ? variant.position : index,
    };
  });
}

const TAX_CLASS = /^[a-z0-9_-]{1,64}$/;

/** Publication time, tags, vendor, product type and tax class, checked (a malformed publication time or tax class is a permanent failure). */
export function catalogProductFactsOf(event: EventEnvelope<CatalogProductEventData>): CatalogProductFacts {
  const { publishedAt, tags, vendor, productType, taxClass } = event.data;
  let published: Date | null = null;
  if (publishedAt !== undefined && publishedAt !== null) {
    published = new Date(publishedAt);
    if (Number.isNaN(published.getTime())) throw new PermanentEventError(`${event.type} ${event.id} has an invalid publishedAt`);
  }
  if (taxClass !== undefined && taxClass !== null && !(typeof taxClass === 'string' && TAX_CLASS.test(taxClass))) {
    throw new PermanentEventError(`${event.type} ${event.id} has an invalid taxClass`);
  }
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value.slice(0, 255) : null);
  return {
    publishedAt: published,
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    vendor: text(vendor),
    productType: text(productType),
    taxClass: taxClass ?? null,
  };
}
