import type { Tx } from '@ultramarket/kit';
import type { App } from './app.entity';

/** What apps publishes of apps and their keys (schema/events.md); an app event's aggregate is the app, a key event's the key. */
export const AppEvents = {
  installed: 'apps.app-installed',
  scopesChanged: 'apps.app-scopes-changed',
  uninstalled: 'apps.app-uninstalled',
  apiKeyCreated: 'apps.api-key-created',
  apiKeyRevoked: 'apps.api-key-revoked',
} as const;

/** apps.app-installed, apps.app-scopes-changed, apps.app-uninstalled. */
export interface AppEventData {
  appId: string;
  name: string;
  scopes: string[];
  /** Set on apps.app-uninstalled: the keys it revoked. */
  revokedKeyIds?: string[];
}

/** apps.api-key-created, apps.api-key-revoked: never the key itself, only its id and display prefix. */
export interface ApiKeyEventData {
  appId: string;
  keyId: string;
  displayPrefix: string;
}

export async function emitAppEvent(
  tx: Tx,
  type: (typeof AppEvents)['installed' | 'scopesChanged' | 'uninstalled'],
  app: App,
  revokedKeyIds?: string[],
): Promise<void> {
  const data: AppEventData = { appId: app.id, name: app.name, scopes: [...app.scopes], ...(revokedKeyIds ? { revokedKeyIds } : {}) };
  await tx.emit<AppEventData>({ type, storeId: app.storeId, aggregateId: app.id, aggregateVersion: app.version, data });
}
