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
var Money_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MoneyInput = exports.Money = exports.MAX_MONEY_INPUT_AMOUNT = exports.GraphQLSafeInt = void 0;
const type_graphql_1 = require("type-graphql");
const class_validator_1 = require("class-validator");
const graphql_scalars_1 = require("graphql-scalars");
Object.defineProperty(exports, "GraphQLSafeInt", { enumerable: true, get: function () { return graphql_scalars_1.GraphQLSafeInt; } });
/**
 * The largest amount a client may give for one price or amount, in minor units: 10^10, i.e.
 * 100 000 000.00 in a two-decimal currency. Quantities are bounded too (orders' line maximum), so a
 * line total or an order total stays far inside `Number.MAX_SAFE_INTEGER` (2^53 − 1), the largest
 * total the platform ever stores or serves.
 */
exports.MAX_MONEY_INPUT_AMOUNT = 10_000_000_000;
/**
 * Money as integer minor units plus an ISO 4217 code; never a float. Shared by every subgraph.
 * `amount` is a `SafeInt` (53 bits, still a JSON number): sums above 2^31 minor units serialise.
 */
let Money = Money_1 = class Money {
    static of(amount, currencyCode) {
        return Object.assign(new Money_1(), { amount, currencyCode });
    }
};
exports.Money = Money;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLSafeInt, { description: 'Amount in minor units, e.g. 1999 for 19.99; a safe integer (up to 2^53 − 1).' }),
    __metadata("design:type", Number)
], Money.prototype, "amount", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'ISO 4217 currency code, e.g. "USD".' }),
    __metadata("design:type", String)
], Money.prototype, "currencyCode", void 0);
exports.Money = Money = Money_1 = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)({ description: 'An amount of money in minor units (cents) with its ISO 4217 currency code.' })
], Money);
let MoneyInput = class MoneyInput {
};
exports.MoneyInput = MoneyInput;
__decorate([
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(exports.MAX_MONEY_INPUT_AMOUNT, { message: `amount must be at most ${exports.MAX_MONEY_INPUT_AMOUNT} minor units` }),
    (0, class_validator_1.IsInt)(),
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLSafeInt, { description: 'Amount in minor units, e.g. 1999 for 19.99; from 0 to 10000000000 (100 million in a two-decimal currency).' }),
    __metadata("design:type", Number)
], MoneyInput.prototype, "amount", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^[A-Z]{3}$/, { message: 'currencyCode must be a three-letter ISO 4217 code' }),
    (0, type_graphql_1.Field)({ description: 'ISO 4217 currency code, e.g. "USD".' }),
    __metadata("design:type", String)
], MoneyInput.prototype, "currencyCode", void 0);
exports.MoneyInput = MoneyInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'An amount of money in minor units with its ISO 4217 currency code.' })
], MoneyInput);
//# sourceMappingURL=money.type.js.map