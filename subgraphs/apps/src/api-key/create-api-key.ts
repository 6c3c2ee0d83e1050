import { apiKeyDisplayPrefix, generateApiKey, hashApiKey, isUuid, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { ApiKey } from './api-key.entity';
import { liveKeysOf } from './api-key-queries';
import { CreateApiKeyPayload } from './api-key.payloads';
import type { CreateApiKeyInput } from './api-key.inputs';
import { AppErrors } from '../app/app-errors';
import { appStoreOf, lockInstalledApp } from '../app/app-access';
import { AppEvents, type ApiKeyEventData } from '../app/app.events';

/** Live keys an app may hold at once: enough to rotate (make the new one, switch, revoke the old). */
export const MAX_LIVE_KEYS_PER_APP = 5;

/**
 * A new key for an installed app of the store: returned once, stored as its SHA-256 with its display
 * prefix; publishes apps.api-key-created (without the key). Several live keys allow rotation.
 */
export async function createApiKey(context: SubgraphContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
  const storeId = appStoreOf(context);
  if (!storeId) return CreateApiKeyPayload.failed(AppErrors.storeRequired());
  if (!isUuid(input.appId)) return CreateApiKeyPayload.failed(AppErrors.appNotFound(['input', 'appId']));
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    // the app's row lock serialises key creation, so the limit holds under concurrent requests
    const app = await lockInstalledApp(tx, input.appId, storeId);
    if (!app) return CreateApiKeyPayload.failed(AppErrors.appNotFound(['input', 'appId']));
    if ((await liveKeysOf(tx.manager, app.id)).length >= MAX_LIVE_KEYS_PER_APP) return CreateApiKeyPayload.failed(AppErrors.tooManyKeys(MAX_LIVE_KEYS_PER_APP));
    const key = generateApiKey();
    const repository = tx.manager.getRepository(ApiKey);
    const apiKey = await repository.save(
      repository.create({ storeId, appId: app.id, keyHash: hashApiKey(key), displayPrefix: apiKeyDisplayPrefix(key), lastUsedAt: null, revokedAt: null }),
    );
    await tx.emit<ApiKeyEventData>({
      type: AppEvents.apiKeyCreated,
      storeId,
      aggregateId: apiKey.id,
      aggregateVersion: 1,
      data: { appId: app.id, keyId: apiKey.id, displayPrefix: apiKey.displayPrefix },
    });
    return CreateApiKeyPayload.ok(apiKey, key);
  });
}
