import { isUuid, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { App } from './app.entity';
import { AppErrors } from './app-errors';
import { appStoreOf, lockInstalledApp } from './app-access';
import { AppEvents, emitAppEvent } from './app.events';
import type { UninstallAppInput } from './app.inputs';
import { UninstallAppPayload } from './app.payloads';
import { revokeKeys } from '../api-key/revoke-api-key';
import { liveKeysOf } from '../api-key/api-key-queries';
import { apiKeyCacheWriter } from '../api-key/api-key-cache-writer';

/**
 * Uninstalls an app and revokes every key it holds, in one transaction; publishes apps.api-key-revoked for
 * each key and apps.app-uninstalled. Once it commits the keys are refused by every gateway at once.
 */
export async function uninstallApp(context: SubgraphContext, input: UninstallAppInput): Promise<UninstallAppPayload> {
  const storeId = appStoreOf(context);
  if (!storeId) return UninstallAppPayload.failed(AppErrors.storeRequired());
  if (!isUuid(input.id)) return UninstallAppPayload.failed(AppErrors.appNotFound());
  const result = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const app = await lockInstalledApp(tx, input.id, storeId);
    if (!app) return { payload: UninstallAppPayload.failed(AppErrors.appNotFound()), keyHashes: [] };
    const keys = await revokeKeys(tx, await liveKeysOf(tx.manager, app.id));
    Object.assign(app, { uninstalledAt: new Date(), version: app.version + 1 });
    const saved = await tx.manager.getRepository(App).save(app);
    await emitAppEvent(
      tx,
      AppEvents.uninstalled,
      saved,
      keys.map((key) => key.id),
    );
    return { payload: UninstallAppPayload.ok(saved), keyHashes: keys.map((key) => key.keyHash) };
  });
  await apiKeyCacheWriter().revoke(result.keyHashes);
  return result.payload;
}
