import { isUuid, traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ApiKey } from './api-key.entity';
import { RevokeApiKeyPayload } from './api-key.payloads';
import type { RevokeApiKeyInput } from './api-key.inputs';
import { apiKeyCacheWriter } from './api-key-cache-writer';
import { AppErrors } from '../app/app-errors';
import { appStoreOf } from '../app/app-access';
import { AppEvents, type ApiKeyEventData } from '../app/app.events';

/** Marks keys revoked in the transaction and publishes apps.api-key-revoked for each. */
export async function revokeKeys(tx: Tx, keys: ApiKey[]): Promise<ApiKey[]> {
  const revokedAt = new Date();
  const repository = tx.manager.getRepository(ApiKey);
  const revoked: ApiKey[] = [];
  for (const key of keys) {
    const saved = await repository.save(Object.assign(key, { revokedAt }));
    await tx.emit<ApiKeyEventData>({
      type: AppEvents.apiKeyRevoked,
      storeId: saved.storeId,
      aggregateId: saved.id,
      aggregateVersion: 2,
      data: { appId: saved.appId, keyId: saved.id, displayPrefix: saved.displayPrefix },
    });
    revoked.push(saved);
  }
  return revoked;
}

/** Revokes one live key of the store's apps; once it commits every gateway refuses it (the shared cache is marked at once). */
export async function revokeApiKey(context: SubgraphContext, input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
  const storeId = appStoreOf(context);
  if (!storeId) return RevokeApiKeyPayload.failed(AppErrors.storeRequired());
  if (!isUuid(input.id)) return RevokeApiKeyPayload.failed(AppErrors.keyNotFound());
  const revoked = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const key = await tx.manager.getRepository(ApiKey).findOne({ where: { id: input.id, storeId }, lock: { mode: 'pessimistic_write' } });
    if (!key || key.revokedAt) return null;
    return (await revokeKeys(tx, [key]))[0];
  });
  if (!revoked) return RevokeApiKeyPayload.failed(AppErrors.keyNotFound());
  await apiKeyCacheWriter().revoke([revoked.keyHash]);
  return RevokeApiKeyPayload.ok(revoked);
}
