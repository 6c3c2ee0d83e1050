"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.catalogVariantsOf = catalogVariantsOf;
exports.catalogProductFactsOf = catalogProductFactsOf;
const ids_1 = require("../graphql/ids");
const consumer_runner_1 = require("./consumer-runner");
const DEFAULT_VARIANT_TITLE = 'Default';
const MAX_WEIGHT_GRAMS = 2_147_483_647;
function isPrice(price) {
    return Number.isSafeInteger(price?.amount) && price.amount >= 0 && /^[A-Z]{3}$/.test(price.currencyCode ?? '');
}
function weightOf(value) {
    return Number.isSafeInteger(value) && value >= 0 && value <= MAX_WEIGHT_GRAMS ? value : null;
}
/**
 * The variants a product event lists, checked: an event that cannot be read as the contract says is a
 * permanent failure (dead-lettered), never half-applied. Without `variants` the product is one default
 * variant whose id is the product's, at the product's price, inventory tracked, no SKU, weight unknown.
 */
function catalogVariantsOf(event) {
    const { data } = event;
    const refuse = (why) => new consumer_runner_1.PermanentEventError(`${event.type} ${event.id} ${why}`);
    if (!isPrice(data.price))
        throw refuse('has no valid price');
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
    if (!Array.isArray(data.variants))
        throw refuse('has a malformed variants list');
    return data.variants.map((variant, index) => {
        if (!(0, ids_1.isUuid)(variant?.variantId))
            throw refuse(`lists a variant without a valid id (#${index})`);
        if (!isPrice(variant.price))
            throw refuse(`lists variant ${variant.variantId} without a valid price`);
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
function catalogProductFactsOf(event) {
    const { publishedAt, tags, vendor, productType, taxClass } = event.data;
    let published = null;
    if (publishedAt !== undefined && publishedAt !== null) {
        published = new Date(publishedAt);
        if (Number.isNaN(published.getTime()))
            throw new consumer_runner_1.PermanentEventError(`${event.type} ${event.id} has an invalid publishedAt`);
    }
    if (taxClass !== undefined && taxClass !== null && !(typeof taxClass === 'string' && TAX_CLASS.test(taxClass))) {
        throw new consumer_runner_1.PermanentEventError(`${event.type} ${event.id} has an invalid taxClass`);
    }
    const text = (value) => (typeof value === 'string' && value !== '' ? value.slice(0, 255) : null);
    return {
        publishedAt: published,
        tags: Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [],
        vendor: text(vendor),
        productType: text(productType),
        taxClass: taxClass ?? null,
    };
}
//# sourceMappingURL=catalog-product-event.js.map