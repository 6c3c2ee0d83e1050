import type { EventEnvelope } from './event-envelope';
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
/**
 * The variants a product event lists, checked: an event that cannot be read as the contract says is a
 * permanent failure (dead-lettered), never half-applied. Without `variants` the product is one default
 * variant whose id is the product's, at the product's price, inventory tracked, no SKU, weight unknown.
 */
export declare function catalogVariantsOf(event: EventEnvelope<CatalogProductEventData>): CatalogVariantRow[];
/** Publication time, tags, vendor, product type and tax class, checked (a malformed publication time or tax class is a permanent failure). */
export declare function catalogProductFactsOf(event: EventEnvelope<CatalogProductEventData>): CatalogProductFacts;
export {};
