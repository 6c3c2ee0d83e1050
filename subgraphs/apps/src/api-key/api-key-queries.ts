import type { EntityManager } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** An app's live (unrevoked) keys, newest first. */
export function liveKeysOf(manager: EntityManager, appId: string): Promise<ApiKey[]> {
  return manager
    .getRepository(ApiKey)
    .createQueryBuilder('k')
    .where('k.app_id = :appId AND k.revoked_at IS NULL', { appId })
    .orderBy('k.created_at', 'DESC')
    .addOrderBy('k.id', 'DESC')
    .getMany();
}
