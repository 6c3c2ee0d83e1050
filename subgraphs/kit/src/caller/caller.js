"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ANONYMOUS = void 0;
exports.isAuthenticated = isAuthenticated;
exports.hasAnyRole = hasAnyRole;
exports.managesStore = managesStore;
exports.appCaller = appCaller;
const role_1 = require("./role");
exports.ANONYMOUS = Object.freeze({
    userId: null,
    roles: [],
    storeId: null,
    memberships: {},
    token: null,
    tokenClaims: null,
    app: null,
});
function isAuthenticated(caller) {
    return caller.userId !== null;
}
function hasAnyRole(caller, roles) {
    return caller.roles.includes(role_1.Role.PLATFORM_ADMIN) || roles.some((role) => caller.roles.includes(role));
}
/** True when the caller may manage the given store's data: its staff, or a platform admin. */
function managesStore(caller, storeId) {
    if (caller.roles.includes(role_1.Role.PLATFORM_ADMIN))
        return true;
    return caller.storeId === storeId && role_1.STORE_ROLES.some((role) => caller.roles.includes(role));
}
/** The caller an app is: its store's merchant, named by the app's id, limited to its scopes (kit/src/apps). */
function appCaller(app) {
    return {
        userId: app.appId,
        roles: [role_1.Role.MERCHANT],
        storeId: app.storeId,
        memberships: { [app.storeId]: role_1.Role.MERCHANT },
        token: null,
        tokenClaims: null,
        app,
    };
}
//# sourceMappingURL=caller.js.map