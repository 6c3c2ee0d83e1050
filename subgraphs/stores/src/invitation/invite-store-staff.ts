import { randomUUID } from 'node:crypto';
import { traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { roleInTransaction } from '../staff/store-membership';
import { StoreEvents, type StoreStaffInvitedData } from '../store/store.events';
import { StoreErrors } from '../store/store-errors';
import type { Store } from '../store/store.entity';
import { bumpVersion, changeRefusal, lockStore, requireMerchant } from '../store/store-lock';
import { INVITATION_LIFETIME_MS, InvitationStatus, StoreInvitation } from './store-invitation.entity';
import type { InviteStoreStaffInput } from './invitation.inputs';
import { InviteStoreStaffPayload } from './invitation.payloads';
import { InvitationErrors } from './invitation-errors';

/** Bounds on what one store may send, so invitations cannot carry spam: pending at once, and sent a day. */
const MAX_PENDING = 100;
const MAX_PER_DAY = 50;

/**
 * Invites someone to a store's staff (its MERCHANTs, platform admins): a PENDING invitation for seven
 * days, by email or by user id, at most one pending per store and invitee. Nobody joins anything
 * here: the membership (and `stores.staff-added`, which refreshes the invitee's tokens) comes only
 * when the invitee accepts. Publishes `stores.staff-invited`, which carries no secret: the invitee
 * accepts signed in. Refused while the platform has the store suspended (STORE_UNAVAILABLE) or closed.
 */
export async function inviteStoreStaff(context: SubgraphContext, services: StoresServices, input: InviteStoreStaffInput): Promise<InviteStoreStaffPayload> {
  const email = input.email ? input.email.trim().toLowerCase() : null;
  const userId = input.userId ? input.userId.toLowerCase() : null;
  if ((email === null) === (userId === null)) return InviteStoreStaffPayload.failed(InvitationErrors.inviteeRequired());
  const field = email ? 'email' : 'userId';
  let changed: Store | null = null;
  const payload = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    if (!store) return InviteStoreStaffPayload.failed(StoreErrors.notFound());
    await requireMerchant(context, tx, store);
    const refusal = changeRefusal(context, store);
    if (refusal) return InviteStoreStaffPayload.failed(refusal);
    if (await alreadyWorksThere(tx, store.id, email, userId)) return InviteStoreStaffPayload.failed(InvitationErrors.alreadyMember(field));
    // a pending invitation past its time no longer holds the invitee's place
    await tx.manager.query(`UPDATE store_invitation SET status = $2 WHERE store_id = $1 AND status = $3 AND expires_at <= now()`, [
      store.id,
      InvitationStatus.EXPIRED,
      InvitationStatus.PENDING,
    ]);
    const [{ pending, today, same }]: { pending: number; today: number; same: number }[] = await tx.manager.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE created_at > now() - interval '1 day')::int AS today,
              count(*) FILTER (WHERE status = 'PENDING' AND (user_id = $2 OR lower(email) = $3))::int AS same
       FROM store_invitation WHERE store_id = $1`,
      [store.id, userId, email],
    );
    if (same > 0) return InviteStoreStaffPayload.failed(InvitationErrors.alreadyInvited(field));
    if (pending >= MAX_PENDING || today >= MAX_PER_DAY) return InviteStoreStaffPayload.failed(InvitationErrors.limit());

    const invitations = tx.manager.getRepository(StoreInvitation);
    const invitation = await invitations.save(
      invitations.create({
        id: randomUUID(),
        storeId: store.id,
        email,
        userId,
        role: input.role,
        recordedStatus: InvitationStatus.PENDING,
        invitedBy: context.caller.userId!,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
        respondedAt: null,
        respondedBy: null,
      }),
    );
    await tx.emit<StoreStaffInvitedData>({
      type: StoreEvents.staffInvited,
      storeId: store.id,
      aggregateId: store.id,
      aggregateVersion: await bumpVersion(tx, store),
      data: {
        storeId: store.id,
        storeName: store.name,
        invitationId: invitation.id,
        email,
        userId,
        role: invitation.role,
        invitedBy: invitation.invitedBy,
        expiresAt: invitation.expiresAt.toISOString(),
      },
    });
    changed = store;
    return InviteStoreStaffPayload.ok(invitation);
  });
  // the store's version moved: its cached copy goes
  if (changed) await services.cache.invalidate(changed);
  return payload;
}

/** Whether the invitee already works in the store: by user id, or by the email a member verified. */
async function alreadyWorksThere(tx: Tx, storeId: string, email: string | null, userId: string | null): Promise<boolean> {
  if (userId) return (await roleInTransaction(tx.manager, storeId, userId)) !== null;
  const rows: unknown[] = await tx.manager.query(
    `SELECT 1 FROM store_staff s JOIN verified_user_email v ON v.user_id = s.user_id WHERE s.store_id = $1 AND lower(v.email) = $2 LIMIT 1`,
    [storeId, email],
  );
  return rows.length > 0;
}
