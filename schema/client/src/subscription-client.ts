import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import {
  NotificationAddedDocument,
  OrderStatusChangedDocument,
  StockChangedDocument,
  type NotificationAddedSubscription,
  type OrderStatusChangedSubscription,
  type OrderStatusChangedSubscriptionVariables,
  type StockChangedSubscription,
  type StockChangedSubscriptionVariables,
} from './generated/graphql';
import { SubscriptionError } from './subscription-error';

type TokenSource = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

export interface SubscriptionClientOptions {
  /** The gateway's WebSocket endpoint: `wss://…/graphql` (the same path as HTTP). */
  url: string;
  /** The store the caller acts in, sent as `X-Store-Id`. */
  storeId?: string | null;
  /**
   * The access token, sent as `Authorization: Bearer …`; or a function returning the current one,
   * asked again at every (re)connect so a refreshed token is used.
   */
  token?: TokenSource;
  /** A WebSocket class where there is no global one (Node before 22: the `ws` package). */
  webSocketImpl?: unknown;
  /** Any other graphql-ws client option (retries, lazy, keep-alive, event listeners), passed through. */
  options?: Omit<ClientOptions, 'url' | 'connectionParams' | 'webSocketImpl'>;
}

/** Stops the subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

export interface SubscriptionClient {
  /** The order each time its status changes (its shopper and its store's staff only). */
  orderStatusChanged(
    variables: OrderStatusChangedSubscriptionVariables,
    onNext: (order: OrderStatusChangedSubscription['orderStatusChanged']) => void,
    onError?: (error: SubscriptionError) => void,
  ): Unsubscribe;
  /** Each new notification for the caller and, for store staff, their store's store-wide ones. */
  notificationAdded(
    onNext: (notification: NotificationAddedSubscription['notificationAdded']) => void,
    onError?: (error: SubscriptionError) => void,
  ): Unsubscribe;
  /** The product each time its stock changes. */
  stockChanged(
    variables: StockChangedSubscriptionVariables,
    onNext: (product: StockChangedSubscription['stockChanged']) => void,
    onError?: (error: SubscriptionError) => void,
  ): Unsubscribe;
  /** Any subscription document (yours or one of ours), with its typed result. */
  subscribe<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    onNext: (data: TResult) => void,
    onError?: (error: SubscriptionError) => void,
  ): Unsubscribe;
  /**
   * The same as an async iterator: `for await (const { orderStatusChanged } of live.iterate(…))`.
   * Leaving the loop unsubscribes; GraphQL errors and a closed socket are thrown as SubscriptionError.
   */
  iterate<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): AsyncGenerator<TResult, void, undefined>;
  /** The underlying graphql-ws client, for its `on('connected' | 'closed' | …)` events. */
  readonly client: Client;
  /** Closes the socket and ends every subscription. */
  dispose(): Promise<void>;
}

/** Documents are printed once each: graphql-ws sends query text. */
const printed = new WeakMap<DocumentNode, string>();
function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/**
 * A graphql-ws client for the gateway. The store and the token travel in `connection_init` under the
 * names the gateway reads (`Authorization`, `X-Store-Id`, as HTTP headers are named); a token the
 * gateway refuses closes the socket with 4403, reported to every subscription's `onError`.
 */
export function createSubscriptionClient(options: SubscriptionClientOptions): SubscriptionClient {
  const client = createClient({
    // the socket outlives its last subscription by a moment: one subscription ended and the next started
    // straight after (a page moving from one order to another) share it, instead of the next being sent
    // on a socket already closing, which ends it with no result
    lazyCloseTimeout: 3_000,
    ...options.options,
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    connectionParams: async () => {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      return {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(options.storeId ? { 'X-Store-Id': options.storeId } : {}),
      };
    },
  });

  function subscribe<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    onNext: (data: TResult) => void,
    onError: (error: SubscriptionError) => void = () => undefined,
  ): Unsubscribe {
    return client.subscribe<TResult>(
      { query: queryText(document), variables },
      {
        next: (result) => {
          if (result.errors?.length) onError(SubscriptionError.fromGraphQLErrors(result.errors));
          else if (result.data) onNext(result.data);
        },
        error: (error) => onError(SubscriptionError.from(error)),
        complete: () => undefined,
      },
    );
  }

  async function* iterate<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): AsyncGenerator<TResult, void, undefined> {
    const results = client.iterate<TResult>({ query: queryText(document), variables });
    try {
      for await (const result of results) {
        if (result.errors?.length) throw SubscriptionError.fromGraphQLErrors(result.errors);
        if (result.data) yield result.data;
      }
    } catch (error) {
      throw SubscriptionError.from(error);
    } finally {
      await results.return?.();
    }
  }

  return {
    orderStatusChanged: (variables, onNext, onError) => subscribe(OrderStatusChangedDocument, variables, (data) => onNext(data.orderStatusChanged), onError),
    notificationAdded: (onNext, onError) => subscribe(NotificationAddedDocument, {}, (data) => onNext(data.notificationAdded), onError),
    stockChanged: (variables, onNext, onError) => subscribe(StockChangedDocument, variables, (data) => onNext(data.stockChanged), onError),
    subscribe,
    iterate,
    client,
    dispose: async () => {
      await client.dispose();
    },
  };
}
