import { parse } from 'graphql';
import { type AppAccess, appScopeRefusal, requiredAppScopes } from './app-access';
import { appCallerHeader, parseAppCallerHeader, type AppIdentity } from './app-identity';
import { AppScope } from './app-scope';

const orders: AppAccess = {
  read: AppScope.read_orders,
  write: AppScope.write_orders,
  fields: { 'Query.orderAnalytics': AppScope.read_analytics, 'Query.mine': null },
};
const app = (scopes: AppScope[]): AppIdentity => ({
  appId: '11111111-1111-4111-8111-111111111111',
  keyId: '22222222-2222-4222-8222-222222222222',
  storeId: '33333333-3333-4333-8333-333333333333',
  scopes,
});
const required = (query: string, access: AppAccess | undefined = orders, operationName?: string) => requiredAppScopes(parse(query), operationName, access);

describe('app scopes', () => {
  it('queries and _entities need the read scope, mutations the write scope', () => {
    expect(required('{ orders { totalCount } __typename }')).toEqual([{ field: 'Query.orders', scope: AppScope.read_orders }]);
    expect(required('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toEqual([
      { field: 'Query._entities', scope: AppScope.read_orders },
    ]);
    expect(required('mutation { cancelOrder(input: {}) { order { id } } }')).toEqual([{ field: 'Mutation.cancelOrder', scope: AppScope.write_orders }]);
  });

  it('follows fragments and inline fragments on the root, and overrides', () => {
    const query = 'query Q { ...F ... on Query { mine } } fragment F on Query { orderAnalytics { count } }';
    expect(required(query, orders, 'Q')).toEqual([
      { field: 'Query.orderAnalytics', scope: AppScope.read_analytics },
      { field: 'Query.mine', scope: null },
    ]);
  });

  it('closes a subgraph without access, its missing kinds, and the federation service field', () => {
    expect(requiredAppScopes(parse('{ me { id } }'), undefined, undefined)).toEqual([{ field: 'Query.me', scope: null }]);
    expect(required('mutation { x }', { read: AppScope.read_payments })).toEqual([{ field: 'Mutation.x', scope: null }]);
    expect(required('{ _service { sdl } }')).toEqual([{ field: 'Query._service', scope: null }]);
  });

  it('refuses with FORBIDDEN naming the missing scope, passes what the scopes open', () => {
    const readsProducts = app([AppScope.read_products]);
    const refusal = appScopeRefusal(readsProducts, required('{ orders { totalCount } }'));
    expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.orders', requiredScope: 'read_orders' });
    expect(appScopeRefusal(readsProducts, required('{ mine }'))?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });
    expect(appScopeRefusal(app([AppScope.read_orders]), required('{ orders { totalCount } }'))).toBeUndefined();
    expect(appScopeRefusal(app([AppScope.read_orders]), required('mutation { cancelOrder }'))?.extensions?.requiredScope).toBe('write_orders');
  });
});

describe('X-App-Caller', () => {
  it('round-trips an app and refuses anything else', () => {
    const identity = app([AppScope.read_products, AppScope.write_orders]);
    expect(parseAppCallerHeader(appCallerHeader(identity))).toEqual(identity);
    expect(parseAppCallerHeader(appCallerHeader(app([])))).toEqual(app([]));
    expect(parseAppCallerHeader(appCallerHeader(identity).replace('write_orders', 'write_everything'))).toBeNull();
    expect(parseAppCallerHeader(appCallerHeader(identity).replace('store=3', 'store=x'))).toBeNull();
    expect(parseAppCallerHeader(`${appCallerHeader(identity)};admin=true`)).toBeNull();
  });
});
