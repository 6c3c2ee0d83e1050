/** Typed helpers for the gateway's subscriptions over graphql-ws. */
export { createSubscriptionClient, type SubscriptionClient, type SubscriptionClientOptions, type Unsubscribe } from './subscription-client';
export { SubscriptionError } from './subscription-error';
