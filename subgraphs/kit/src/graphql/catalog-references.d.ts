/**
 * Catalog's types as the subgraphs that sell its products (orders, cart) name them in their own schemas:
 * the entities by key only (catalog and inventory resolve the rest), and the option values as a
 * shareable value type (catalog's says so too), with catalog's descriptions.
 */
/** Catalog's Product by its key. */
export declare class ProductReference {
    id: string;
    static of(id: string): ProductReference;
}
/** Catalog's ProductVariant by its key. */
export declare class VariantReference {
    id: string;
    static of(id: string): VariantReference;
}
/** Catalog's `SelectedOption`: an order line keeps the values it was sold with, a cart line shows its variant's. */
export declare class SelectedOption {
    name: string;
    value: string;
}
