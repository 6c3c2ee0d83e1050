import { randomUUID } from 'node:crypto';
import { Role, StoreStatus, traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { Store } from './store.entity';
import { StoreEvents, storeCreatedData, type StoreStaffData } from './store.events';
import type { CreateStoreInput } from './store.inputs';
import { CreateStorePayload } from './store.payloads';
import { mergeSettings, DEFAULT_SETTINGS } from './store-settings';
import { DEFAULT_THEME, mergeTheme } from './store-theme';
import { sanitizeCss } from './css-sanitizer';
import { insertWithFreeSlug, slugify } from './store-slug';
import { StoreErrors, underPlatformDomain } from './store-errors';
import { verifiedElsewhere } from '../custom-domain/domain-claims';
import { newDomainToken } from '../custom-domain/domain-challenge';

/**
 * Creates a store owned by the caller, who becomes its first MERCHANT. One transaction, scoped to
 * the new store (its id is chosen here so the owner's `store_staff` row passes row-level security):
 * the store row under a free slug, the membership, `stores.created` and `stores.staff-added`.
 */
export async function createStore(context: SubgraphContext, services: StoresServices, input: CreateStoreInput): Promise<CreateStorePayload> {
  const ownerId = context.caller.userId!;
  const { platformDomain } = services.config;
  const customDomain = input.customDomain?.toLowerCase() ?? null;
  if (customDomain && underPlatformDomain(customDomain, platformDomain)) return CreateStorePayload.failed(StoreErrors.domainNotAllowed(platformDomain));
  const id = randomUUID();
  const settings = mergeSettings(DEFAULT_SETTINGS, input.settings);
  const theme = mergeTheme(
    DEFAULT_THEME,
    input.theme ?? {},
    input.theme?.customCss === undefined || input.theme.customCss === null ? undefined : sanitizeCss(input.theme.customCss),
  );
  const store = await context.unitOfWork.forScope(id).run(traceOf(context), async (tx) => {
    // a custom domain starts PENDING (it serves nothing until verifyStoreDomain); one proven by another store is refused
    if (customDomain && (await verifiedElsewhere(tx.manager, customDomain, id))) return null;
    await insertWithFreeSlug(tx.manager, slugify(input.name), async (slug) => {
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO store (id, owner_id, name, slug, domain, custom_domain, custom_domain_token, email, phone, currency, locale, timezone, settings, theme, status, version)
           VALUES ($1, $2, $3, $4, $5, $6, $15, $7, $8, $9, $10, $11, $12, $13, $14, 1)
           ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          id,
          ownerId,
          input.name,
          slug,
          `${slug}.${platformDomain}`,
          customDomain,
          input.email,
          input.phone ?? null,
          input.currency,
          input.locale,
          input.timezone,
          JSON.stringify(settings),
          JSON.stringify(theme),
          StoreStatus.ACTIVE,
          customDomain ? newDomainToken() : null,
        ],
      );
      return inserted.length > 0;
    });
    await tx.manager.query(`INSERT INTO store_staff (store_id, user_id, role, added_at) VALUES ($1, $2, $3, now())`, [id, ownerId, Role.MERCHANT]);
    const created = await tx.manager.getRepository(Store).findOneByOrFail({ id });
    await tx.emit({ type: StoreEvents.created, storeId: id, aggregateId: id, aggregateVersion: created.version, data: storeCreatedData(created) });
    await tx.emit<StoreStaffData>({
      type: StoreEvents.staffAdded,
      storeId: id,
      aggregateId: id,
      aggregateVersion: created.version,
      data: { storeId: id, userId: ownerId, role: Role.MERCHANT },
    });
    return created;
  });
  return store ? CreateStorePayload.ok(store) : CreateStorePayload.failed(StoreErrors.domainTaken(customDomain!));
}
