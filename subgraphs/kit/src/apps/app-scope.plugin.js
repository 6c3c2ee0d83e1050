"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.appScopePlugin = appScopePlugin;
const app_access_1 = require("./app-access");
/**
 * Refuses, before anything executes, an app's operation that uses a root field its scopes do not open,
 * `_entities` included: the gateway resolves one subgraph's fields of another's entity through
 * `_entities`, so an app without this subgraph's read scope gets none of its fields, whichever
 * query reached them. Requests of people (tokens) pass untouched.
 */
function appScopePlugin(access) {
    return {
        async requestDidStart() {
            return {
                async didResolveOperation({ contextValue, document, operationName }) {
                    const app = contextValue.caller.app;
                    if (!app)
                        return;
                    const refusal = (0, app_access_1.appScopeRefusal)(app, (0, app_access_1.requiredAppScopes)(document, operationName ?? undefined, access));
                    if (refusal)
                        throw refusal;
                },
            };
        },
    };
}
//# sourceMappingURL=app-scope.plugin.js.map