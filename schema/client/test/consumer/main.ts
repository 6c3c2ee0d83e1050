/**
 * A frontend's use of the packed @ultramarket/client, compiled by consumer.test.ts in a project of its
 * own (strict, nodenext, ES module) and run against the test's stand-in gateway.
 */
import { GraphQLClient, request } from 'graphql-request';
import { getSdk, type OrderStatus, type ProductsQuery } from '@ultramarket/client';
import { ProductsDocument, StockChangedDocument } from '@ultramarket/client/documents';
import { createSubscriptionClient, SubscriptionError } from '@ultramarket/client/subscriptions';

// a frontend project has no Node types; the runner passes the URLs and ids on the command line
declare const process: { argv: string[] };
const [httpUrl, wsUrl, storeId, token, productId, orderId] = process.argv.slice(2) as [string, string, string, string, string, string];

const sdk = getSdk(new GraphQLClient(httpUrl, { headers: { Authorization: `Bearer ${token}`, 'X-Store-Id': storeId } }));
const { product } = await sdk.ProductById({ id: productId });
const title: string | undefined = product?.title;
// @ts-expect-error ProductById needs the product's id
await sdk.ProductById({}).catch(() => undefined);

// a typed document node with graphql-request's own request(), as Apollo's useQuery or urql's useQuery would take it
const page: ProductsQuery = await request(httpUrl, ProductsDocument, { first: 1 });
const firstStock: number | undefined = page.products.edges[0]?.node.stock;
// @ts-expect-error a price is Money ({ amount, currencyCode }), not a number
const priceAsNumber: number = page.products.edges[0]!.node.price;

const live = createSubscriptionClient({ url: wsUrl, storeId, token: async () => token });
const status = await new Promise<OrderStatus>((resolve, reject: (error: SubscriptionError) => void) => {
  const stop = live.orderStatusChanged(
    { orderId },
    (order) => {
      stop();
      resolve(order.status);
    },
    reject,
  );
});
// @ts-expect-error orderStatusChanged follows one order: orderId is required
live.orderStatusChanged({}, () => undefined);

let stock: number | null = null;
for await (const { stockChanged } of live.iterate(StockChangedDocument, { productId })) {
  stock = stockChanged.stock;
  break;
}
const refused = await new Promise<SubscriptionError>((resolve) => live.notificationAdded(() => undefined, resolve));
const refusal = {
  isSubscriptionError: refused instanceof SubscriptionError,
  name: refused.name,
  message: refused.message,
  code: refused.graphQLErrors[0]?.extensions?.['code'],
};
await live.dispose();

console.log(JSON.stringify({ title, firstStock, priceAsNumber, status, stock, refusal }));
