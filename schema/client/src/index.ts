/** @ultramarket/client: the typed UltraMarket client (filled in by the client package work). */
export const clientPackage = '@ultramarket/client';
