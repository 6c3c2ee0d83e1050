"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const consumer_runner_1 = require("./consumer-runner");
const catalog_product_event_1 = require("./catalog-product-event");
function productEvent(data) {
    return {
        id: (0, node_crypto_1.randomUUID)(),
        type: 'catalog.product-updated',
        data: { productId: (0, node_crypto_1.randomUUID)(), title: 'Tee', status: 'ACTIVE', price: { amount: 1500, currencyCode: 'EUR' }, ...data },
    };
}
describe('catalog product events as read models take them', () => {
    it('reads an event from before variants as one default variant whose id is the product id', () => {
        const event = productEvent({});
        expect((0, catalog_product_event_1.catalogVariantsOf)(event)).toEqual([
            {
                variant_id: event.data.productId,
                title: 'Default',
                sku: null,
                selected_options: [],
                price_amount: 1500,
                currency_code: 'EUR',
                track_inventory: true,
                weight_grams: null,
                position: 0,
            },
        ]);
    });
    it('keeps each listed variant with its options, tracking and weight, and drops a weight out of range', () => {
        const [small, large] = [(0, node_crypto_1.randomUUID)(), (0, node_crypto_1.randomUUID)()];
        const variants = (0, catalog_product_event_1.catalogVariantsOf)(productEvent({
            variants: [
                {
                    variantId: small,
                    position: 0,
                    title: 'S',
                    sku: 'TEE-S',
                    price: { amount: 1500, currencyCode: 'EUR' },
                    trackInventory: false,
                    weightGrams: 180,
                    options: [{ name: 'Size', value: 'S' }],
                },
                {
                    variantId: large,
                    position: 1,
                    title: 'L',
                    sku: null,
                    price: { amount: 1700, currencyCode: 'EUR' },
                    weightGrams: -5,
                    options: [{ name: 'Size', value: 'L' }],
                },
            ],
        }));
        expect(variants.map((variant) => [variant.variant_id, variant.track_inventory, variant.weight_grams, variant.selected_options])).toEqual([
            [small, false, 180, [{ name: 'Size', value: 'S' }]],
            [large, true, null, [{ name: 'Size', value: 'L' }]],
        ]);
    });
    it('refuses an event it cannot read as the contract says, as a permanent failure', () => {
        expect(() => (0, catalog_product_event_1.catalogVariantsOf)(productEvent({ price: { amount: -1, currencyCode: 'EUR' } }))).toThrow(consumer_runner_1.PermanentEventError);
        const badVariant = { variantId: 'not-a-uuid', position: 0, title: 'S', sku: null, price: { amount: 1, currencyCode: 'EUR' }, options: [] };
        expect(() => (0, catalog_product_event_1.catalogVariantsOf)(productEvent({ variants: [badVariant] }))).toThrow(consumer_runner_1.PermanentEventError);
        expect(() => (0, catalog_product_event_1.catalogProductFactsOf)(productEvent({ publishedAt: 'next tuesday' }))).toThrow(consumer_runner_1.PermanentEventError);
    });
    it('reads publication, tags, vendor and type, leaving out what is not text', () => {
        const facts = (0, catalog_product_event_1.catalogProductFactsOf)(productEvent({ publishedAt: '2026-12-01T00:00:00.000Z', tags: ['summer', 7], vendor: '', productType: 'Shirts' }));
        expect(facts).toEqual({ publishedAt: new Date('2026-12-01T00:00:00.000Z'), tags: ['summer'], vendor: null, productType: 'Shirts', taxClass: null });
    });
    it('reads the tax class, and an event from before tax classes as the standard rate', () => {
        expect((0, catalog_product_event_1.catalogProductFactsOf)(productEvent({ taxClass: 'reduced-food' })).taxClass).toBe('reduced-food');
        expect((0, catalog_product_event_1.catalogProductFactsOf)(productEvent({ taxClass: null })).taxClass).toBeNull();
        expect((0, catalog_product_event_1.catalogProductFactsOf)(productEvent({})).taxClass).toBeNull();
    });
    it('refuses a tax class that is not 1–64 of a-z, 0-9, "-" or "_" as a permanent failure', () => {
        for (const taxClass of ['', 'Books', 'books!', 'x'.repeat(65), 7]) {
            expect(() => (0, catalog_product_event_1.catalogProductFactsOf)(productEvent({ taxClass }))).toThrow(consumer_runner_1.PermanentEventError);
        }
    });
});
//# sourceMappingURL=catalog-product-event.test.js.map