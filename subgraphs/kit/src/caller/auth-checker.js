"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roleAuthChecker = void 0;
const graphql_errors_1 = require("../errors/graphql-errors");
const caller_1 = require("./caller");
/**
 * `@Authorized()` needs a signed-in caller; `@Authorized(Role.MERCHANT, …)` needs one of the roles
 * (platform admins pass every role check). Store ownership is checked in services, on the row itself.
 */
const roleAuthChecker = ({ context }, roles) => {
    if (!(0, caller_1.isAuthenticated)(context.caller))
        throw (0, graphql_errors_1.unauthenticated)();
    if (roles.length > 0 && !(0, caller_1.hasAnyRole)(context.caller, roles))
        throw (0, graphql_errors_1.forbidden)();
    return true;
};
exports.roleAuthChecker = roleAuthChecker;
//# sourceMappingURL=auth-checker.js.map