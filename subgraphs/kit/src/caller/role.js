"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STORE_ROLES = exports.Role = void 0;
exports.isRole = isRole;
const type_graphql_1 = require("type-graphql");
/** Who a caller is to the platform (BLUEPRINT "Callers and access"). */
var Role;
(function (Role) {
    Role["PLATFORM_ADMIN"] = "PLATFORM_ADMIN";
    Role["MERCHANT"] = "MERCHANT";
    Role["STORE_STAFF"] = "STORE_STAFF";
    Role["CUSTOMER"] = "CUSTOMER";
})(Role || (exports.Role = Role = {}));
(0, type_graphql_1.registerEnumType)(Role, {
    name: 'Role',
    description: 'A role a user holds on the platform.',
    valuesConfig: {
        PLATFORM_ADMIN: { description: 'Runs the platform: sees and manages every store.' },
        MERCHANT: { description: 'Owns a store and manages everything in it.' },
        STORE_STAFF: { description: 'Works in a store: products, stock and orders.' },
        CUSTOMER: { description: 'Shops: their own orders, payments and notifications.' },
    },
});
exports.STORE_ROLES = [Role.MERCHANT, Role.STORE_STAFF];
function isRole(value) {
    return typeof value === 'string' && Object.values(Role).includes(value);
}
//# sourceMappingURL=role.js.map