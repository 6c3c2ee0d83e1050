/**
 * @ultramarket/client: the typed UltraMarket client. Everything is also reachable through narrower
 * entry points (`/documents`, `/sdk`, `/subscriptions`) so a bundle takes only what it uses.
 */
export * from './documents';
export * from './sdk';
export * from './subscriptions';
