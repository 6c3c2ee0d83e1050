import type { EntityManager } from 'typeorm';
import { badUserInput, type SubgraphContext } from '@ultramarket/kit';
import { readStoreProfile } from '../store/store-profile';

/** The store a report is about: the caller's (staff acting for it, or a platform admin naming it with X-Store-Id). */
export function reportStoreOf(context: SubgraphContext): string {
  const storeId = context.caller.storeId;
  if (!storeId) throw badUserInput('Act for a store to see its analytics');
  return storeId;
}

/** The store's time zone, and the report's currency: the one asked for, else the store's, else USD. */
export async function reportSettingsOf(
  manager: EntityManager,
  storeId: string,
  currencyCode?: string | null,
): Promise<{ timezone: string; currencyCode: string }> {
  const profile = await readStoreProfile(manager, storeId);
  return { timezone: profile.timezone, currencyCode: currencyCode ?? profile.currencyCode ?? 'USD' };
}
