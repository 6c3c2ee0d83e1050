/* UltraMarket explorer: GraphiQL with queries over HTTP and subscriptions over graphql-ws. */
(function () {
  'use strict';
  var STORAGE_PREFIX = 'ultramarket-explorer';
  function savedHeaders() {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_PREFIX + ':headers') || '{}');
    } catch {
      return {};
    }
  }
  var fetcher = GraphiQL.createFetcher({
    url: window.location.origin + '/graphql',
    subscriptionUrl: window.location.origin.replace(/^http/, 'ws') + '/graphql',
    // graphql-ws reads this when it connects: the same headers as HTTP requests, e.g. Authorization
    wsConnectionParams: savedHeaders,
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
      onEditHeaders: function (text) {
        try {
          JSON.parse(text || '{}');
          window.localStorage.setItem(STORAGE_PREFIX + ':headers', text || '{}');
        } catch {
          /* keep the last valid headers until the JSON is complete */
        }
      },
    }),
  );
})();
