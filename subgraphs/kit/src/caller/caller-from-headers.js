"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.callerFromHeaders = callerFromHeaders;
exports.inStore = inStore;
const caller_1 = require("./caller");
const app_identity_1 = require("../apps/app-identity");
const graphql_errors_1 = require("../errors/graphql-errors");
const access_token_1 = require("./access-token");
const role_1 = require("./role");
const ids_1 = require("../graphql/ids");
/**
 * The caller of one request. The token is verified here, in every process that receives it:
 * a subgraph trusts nothing it cannot verify itself. `X-Store-Id` names the store the request is
 * for: shoppers name the store they browse; staff switch between the stores their token lists
 * (their memberships). Naming a store one does not work in makes one a shopper there: store roles
 * apply only in the stores they were given for. `X-App-Caller` (set and signed by the gateway only, after it
 * verified an API key) makes the caller that app, in its own store whatever `X-Store-Id` says.
 */
function callerFromHeaders(headers, keys, auth) {
    if (headers.app !== undefined) {
        const app = (0, app_identity_1.parseAppCallerHeader)(headers.app);
        if (!app)
            throw (0, graphql_errors_1.invalidCredentials)('Malformed app caller');
        return (0, caller_1.appCaller)(app);
    }
    const token = (0, access_token_1.bearerToken)(headers.authorization);
    const caller = token ? (0, access_token_1.verifyAccessToken)(token, keys, auth) : { ...caller_1.ANONYMOUS };
    const requested = (0, ids_1.isUuid)(headers.storeId) ? headers.storeId.toLowerCase() : null;
    return requested ? inStore(caller, requested) : caller;
}
/** The caller acting in `storeId`: with their role there if they work there, as a shopper otherwise. */
function inStore(caller, storeId) {
    if (caller.storeId === storeId || caller.userId === null)
        return { ...caller, storeId };
    const platformRoles = caller.roles.filter((role) => !role_1.STORE_ROLES.includes(role));
    const membership = caller.memberships[storeId];
    if (membership)
        return { ...caller, storeId, roles: [...platformRoles, membership] };
    return { ...caller, storeId, roles: platformRoles.length > 0 ? platformRoles : [role_1.Role.CUSTOMER] };
}
//# sourceMappingURL=caller-from-headers.js.map