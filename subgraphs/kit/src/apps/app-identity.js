"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.APP_CALLER_HEADER = void 0;
exports.appCallerHeader = appCallerHeader;
exports.parseAppCallerHeader = parseAppCallerHeader;
const ids_1 = require("../graphql/ids");
const app_scope_1 = require("./app-scope");
exports.APP_CALLER_HEADER = 'x-app-caller';
/** `app=<uuid>;key=<uuid>;store=<uuid>;scopes=a,b`: the header value for an app. */
function appCallerHeader(app) {
    return `app=${app.appId};key=${app.keyId};store=${app.storeId};scopes=${app.scopes.join(',')}`;
}
/** The app a header names, or null when the value is not exactly what `appCallerHeader` writes. */
function parseAppCallerHeader(value) {
    const match = /^app=([0-9a-f-]{36});key=([0-9a-f-]{36});store=([0-9a-f-]{36});scopes=([a-z_,]*)$/.exec(value);
    if (!match)
        return null;
    const [, appId, keyId, storeId, scopeList] = match;
    if (![appId, keyId, storeId].every((id) => (0, ids_1.isUuid)(id)))
        return null;
    const scopes = scopeList === '' ? [] : scopeList.split(',');
    if (!scopes.every(app_scope_1.isAppScope))
        return null;
    return { appId, keyId, storeId, scopes: [...new Set(scopes)] };
}
//# sourceMappingURL=app-identity.js.map