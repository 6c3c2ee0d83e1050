"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StoreStatus = void 0;
exports.isStoreStatus = isStoreStatus;
exports.storefrontVisible = storefrontVisible;
exports.acceptsCheckout = acceptsCheckout;
exports.acceptsStaffChanges = acceptsStaffChanges;
const type_graphql_1 = require("type-graphql");
/** Where a store stands on the platform; owned by the stores subgraph, followed by the others. */
var StoreStatus;
(function (StoreStatus) {
    StoreStatus["ACTIVE"] = "ACTIVE";
    StoreStatus["PAUSED"] = "PAUSED";
    StoreStatus["SUSPENDED"] = "SUSPENDED";
    StoreStatus["CLOSED"] = "CLOSED";
})(StoreStatus || (exports.StoreStatus = StoreStatus = {}));
(0, type_graphql_1.registerEnumType)(StoreStatus, {
    name: 'StoreStatus',
    description: 'Where a store stands: whether shoppers can browse it and check out.',
    valuesConfig: {
        ACTIVE: { description: 'Open: shoppers browse and check out.' },
        PAUSED: { description: 'Paused by its owner: the storefront can be browsed, checkouts are refused, the admin works as usual.' },
        SUSPENDED: { description: 'Suspended by the platform: the storefront shows nothing and checkouts are refused; the admin can still read.' },
        CLOSED: { description: 'Closed for good by the platform: the storefront shows nothing and checkouts are refused.' },
    },
});
function isStoreStatus(value) {
    return typeof value === 'string' && Object.values(StoreStatus).includes(value);
}
/** Whether shoppers see the store's catalog at all. */
function storefrontVisible(status) {
    return status === StoreStatus.ACTIVE || status === StoreStatus.PAUSED;
}
/** Whether the store takes new orders and payments. */
function acceptsCheckout(status) {
    return status === StoreStatus.ACTIVE;
}
/**
 * Whether the store's own staff may change its data: not while the platform has it SUSPENDED or
 * CLOSED (they may still read it). PAUSED is the owner's choice and changes nothing for the admin.
 */
function acceptsStaffChanges(status) {
    return status === StoreStatus.ACTIVE || status === StoreStatus.PAUSED;
}
//# sourceMappingURL=store-status.js.map