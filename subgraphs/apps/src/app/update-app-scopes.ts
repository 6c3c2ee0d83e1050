import { isUuid, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { App } from './app.entity';
import { AppErrors } from './app-errors';
import { appStoreOf, lockInstalledApp } from './app-access';
import { cleanScopes } from './app-name';
import { AppEvents, emitAppEvent } from './app.events';
import type { UpdateAppScopesInput } from './app.inputs';
import { UpdateAppScopesPayload } from './app.payloads';
import { liveKeysOf } from '../api-key/api-key-queries';
import { apiKeyCacheWriter } from '../api-key/api-key-cache-writer';

/**
 * Replaces an app's scopes; publishes apps.app-scopes-changed. Its keys' cached verifications are dropped
 * once the change commits, so every gateway applies the new scopes from the key's next request.
 */
export async function updateAppScopes(context: SubgraphContext, input: UpdateAppScopesInput): Promise<UpdateAppScopesPayload> {
  const storeId = appStoreOf(context);
  if (!storeId) return UpdateAppScopesPayload.failed(AppErrors.storeRequired());
  if (!isUuid(input.id)) return UpdateAppScopesPayload.failed(AppErrors.appNotFound());
  const scopes = cleanScopes(input.scopes);
  if (scopes === null) return UpdateAppScopesPayload.failed(AppErrors.scopesRequired());
  const result = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const app = await lockInstalledApp(tx, input.id, storeId);
    if (!app) return { payload: UpdateAppScopesPayload.failed(AppErrors.appNotFound()), keyHashes: [] };
    Object.assign(app, { scopes, version: app.version + 1 });
    const saved = await tx.manager.getRepository(App).save(app);
    await emitAppEvent(tx, AppEvents.scopesChanged, saved);
    const keys = await liveKeysOf(tx.manager, saved.id);
    return { payload: UpdateAppScopesPayload.ok(saved), keyHashes: keys.map((key) => key.keyHash) };
  });
  await apiKeyCacheWriter().forget(result.keyHashes);
  return result.payload;
}
