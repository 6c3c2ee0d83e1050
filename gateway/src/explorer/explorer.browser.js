/* UltraMarket explorer: GraphiQL with queries over HTTP and subscriptions over graphql-ws. */
(function () {
  'use strict';
  var fetcher = GraphiQL.createFetcher({
    url: window.location.origin + '/graphql',
    // GraphiQL sends what is in its Headers editor (e.g. Authorization) as the connection_init payload
    subscriptionUrl: window.location.origin.replace(/^http/, 'ws') + '/graphql',
  });
  var defaultQuery = [
    '# Welcome to UltraMarket. Put {"Authorization": "Bearer <token>"} in Headers below to act as',
    '# a merchant (npm run token -- --role MERCHANT --store <storeId>).',
    'query Products {',
    '  products(first: 5) {',
    '    totalCount',
    '    nodes { id title price { amount currencyCode } stock inStock }',
    '  }',
    '}',
    '',
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('explorer'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      shouldPersistHeaders: true,
    }),
  );
})();
