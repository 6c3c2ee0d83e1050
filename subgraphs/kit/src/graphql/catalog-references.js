"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ProductReference_1, VariantReference_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.SelectedOption = exports.VariantReference = exports.ProductReference = void 0;
const type_graphql_1 = require("type-graphql");
/**
 * Catalog's types as the subgraphs that sell its products (orders, cart) name them in their own schemas:
 * the entities by key only (catalog and inventory resolve the rest), and the option values as a
 * shareable value type (catalog's says so too), with catalog's descriptions.
 */
/** Catalog's Product by its key. */
let ProductReference = ProductReference_1 = class ProductReference {
    static of(id) {
        return Object.assign(new ProductReference_1(), { id });
    }
};
exports.ProductReference = ProductReference;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'Opaque product id.' }),
    __metadata("design:type", String)
], ProductReference.prototype, "id", void 0);
exports.ProductReference = ProductReference = ProductReference_1 = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id", resolvable: false)'),
    (0, type_graphql_1.ObjectType)('Product', { description: 'A product a store sells.' })
], ProductReference);
/** Catalog's ProductVariant by its key. */
let VariantReference = VariantReference_1 = class VariantReference {
    static of(id) {
        return Object.assign(new VariantReference_1(), { id });
    }
};
exports.VariantReference = VariantReference;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'Opaque variant id; a product without options has one default variant whose id is the product’s.' }),
    __metadata("design:type", String)
], VariantReference.prototype, "id", void 0);
exports.VariantReference = VariantReference = VariantReference_1 = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id", resolvable: false)'),
    (0, type_graphql_1.ObjectType)('ProductVariant', { description: "One sellable version of a product: a combination of the product's option values, with its own SKU and price." })
], VariantReference);
/** Catalog's `SelectedOption`: an order line keeps the values it was sold with, a cart line shows its variant's. */
let SelectedOption = class SelectedOption {
};
exports.SelectedOption = SelectedOption;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Option name ("Size").' }),
    __metadata("design:type", String)
], SelectedOption.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Value ("M").' }),
    __metadata("design:type", String)
], SelectedOption.prototype, "value", void 0);
exports.SelectedOption = SelectedOption = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)('SelectedOption', { description: 'The value a variant has for one of its product’s options.' })
], SelectedOption);
//# sourceMappingURL=catalog-references.js.map