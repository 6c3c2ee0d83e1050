/* UltraMarket explorer: GraphiQL with queries over HTTP and subscriptions over graphql-ws. */
(function () {
  'use strict';
  // the tabs and their headers, made by the gateway (explorer-page.ts) as a JSON data block, not as script
  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);
  var fetcher = GraphiQL.createFetcher({
    url: window.location.origin + '/graphql',
    // a subscription opens a graphql-ws connection whose connection_init payload is the tab's headers
    // (X-Store-Id, Authorization), read there by the gateway (subscriptions/subscription-server.ts)
    subscriptionUrl: window.location.origin.replace(/^http/, 'ws') + '/graphql',
  });

  // GraphiQL restores the tabs of the last visit and then ignores defaultTabs. When the explorer's
  // store is another one than then (first visit since the tabs came, or the demo store re-seeded),
  // the saved tabs name a store that is gone: start again from the gateway's tabs.
  var STORE_KEY = 'ultramarket:explorer-store';
  if (settings.storeId && window.localStorage.getItem(STORE_KEY) !== settings.storeId) {
    ['tabState', 'query', 'variables', 'headers', 'operationName'].forEach(function (key) {
      window.localStorage.removeItem('graphiql:' + key);
    });
    window.localStorage.setItem(STORE_KEY, settings.storeId);
  }

  var root = ReactDOM.createRoot(document.getElementById('explorer'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: settings.tabs,
      defaultQuery: settings.tabs[0].query,
      // the editor shows these for the first tab (GraphiQL takes them, not the tab's, on first load)
      defaultHeaders: settings.headers,
      defaultEditorToolsVisibility: settings.headers ? 'headers' : true,
      shouldPersistHeaders: true,
    }),
  );
})();
