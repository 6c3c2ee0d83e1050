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
var UserError_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserError = void 0;
const type_graphql_1 = require("type-graphql");
/** An expected business failure returned in a mutation payload (Shopify-style), not thrown. */
let UserError = UserError_1 = class UserError {
    static of(code, message, field) {
        return Object.assign(new UserError_1(), { code, message, field });
    }
};
exports.UserError = UserError;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Stable machine-readable code, e.g. INSUFFICIENT_STOCK.' }),
    __metadata("design:type", String)
], UserError.prototype, "code", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "delta"].' }),
    __metadata("design:type", Array)
], UserError.prototype, "field", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Human-readable explanation.' }),
    __metadata("design:type", String)
], UserError.prototype, "message", void 0);
exports.UserError = UserError = UserError_1 = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)({ description: 'Why a mutation could not do what was asked, in terms the caller can act on.' })
], UserError);
//# sourceMappingURL=user-error.type.js.map