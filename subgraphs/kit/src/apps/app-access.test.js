"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const graphql_1 = require("graphql");
const app_access_1 = require("./app-access");
const app_identity_1 = require("./app-identity");
const app_scope_1 = require("./app-scope");
const orders = {
    read: app_scope_1.AppScope.read_orders,
    write: app_scope_1.AppScope.write_orders,
    fields: { 'Query.orderAnalytics': app_scope_1.AppScope.read_analytics, 'Query.mine': null },
};
const app = (scopes) => ({
    appId: '11111111-1111-4111-8111-111111111111',
    keyId: '22222222-2222-4222-8222-222222222222',
    storeId: '33333333-3333-4333-8333-333333333333',
    scopes,
});
const required = (query, access = orders, operationName) => (0, app_access_1.requiredAppScopes)((0, graphql_1.parse)(query), operationName, access);
describe('app scopes', () => {
    it('queries and _entities need the read scope, mutations the write scope', () => {
        expect(required('{ orders { totalCount } __typename }')).toEqual([{ field: 'Query.orders', scope: app_scope_1.AppScope.read_orders }]);
        expect(required('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toEqual([
            { field: 'Query._entities', scope: app_scope_1.AppScope.read_orders },
        ]);
        expect(required('mutation { cancelOrder(input: {}) { order { id } } }')).toEqual([{ field: 'Mutation.cancelOrder', scope: app_scope_1.AppScope.write_orders }]);
    });
    it('follows fragments and inline fragments on the root, and overrides', () => {
        const query = 'query Q { ...F ... on Query { mine } } fragment F on Query { orderAnalytics { count } }';
        expect(required(query, orders, 'Q')).toEqual([
            { field: 'Query.orderAnalytics', scope: app_scope_1.AppScope.read_analytics },
            { field: 'Query.mine', scope: null },
        ]);
    });
    it('closes a subgraph without access, its missing kinds, and the federation service field', () => {
        expect((0, app_access_1.requiredAppScopes)((0, graphql_1.parse)('{ me { id } }'), undefined, undefined)).toEqual([{ field: 'Query.me', scope: null }]);
        expect(required('mutation { x }', { read: app_scope_1.AppScope.read_payments })).toEqual([{ field: 'Mutation.x', scope: null }]);
        expect(required('{ _service { sdl } }')).toEqual([{ field: 'Query._service', scope: null }]);
    });
    it('refuses with FORBIDDEN naming the missing scope, passes what the scopes open', () => {
        const readsProducts = app([app_scope_1.AppScope.read_products]);
        const refusal = (0, app_access_1.appScopeRefusal)(readsProducts, required('{ orders { totalCount } }'));
        expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.orders', requiredScope: 'read_orders' });
        expect((0, app_access_1.appScopeRefusal)(readsProducts, required('{ mine }'))?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });
        expect((0, app_access_1.appScopeRefusal)(app([app_scope_1.AppScope.read_orders]), required('{ orders { totalCount } }'))).toBeUndefined();
        expect((0, app_access_1.appScopeRefusal)(app([app_scope_1.AppScope.read_orders]), required('mutation { cancelOrder }'))?.extensions?.requiredScope).toBe('write_orders');
    });
});
describe('X-App-Caller', () => {
    it('round-trips an app and refuses anything else', () => {
        const identity = app([app_scope_1.AppScope.read_products, app_scope_1.AppScope.write_orders]);
        expect((0, app_identity_1.parseAppCallerHeader)((0, app_identity_1.appCallerHeader)(identity))).toEqual(identity);
        expect((0, app_identity_1.parseAppCallerHeader)((0, app_identity_1.appCallerHeader)(app([])))).toEqual(app([]));
        expect((0, app_identity_1.parseAppCallerHeader)((0, app_identity_1.appCallerHeader)(identity).replace('write_orders', 'write_everything'))).toBeNull();
        expect((0, app_identity_1.parseAppCallerHeader)((0, app_identity_1.appCallerHeader)(identity).replace('store=3', 'store=x'))).toBeNull();
        expect((0, app_identity_1.parseAppCallerHeader)(`${(0, app_identity_1.appCallerHeader)(identity)};admin=true`)).toBeNull();
    });
});
//# sourceMappingURL=app-access.test.js.map