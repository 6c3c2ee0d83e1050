import { randomUUID } from 'node:crypto';
import { Role } from '@ultramarket/kit';
import { tokenFor } from '../../kit/test/support/subgraph-harness';
import { Operations, StoresUnderTest, type InvitationResult, type UserErrorResult } from './support/stores-harness';

type InvitePayload = { inviteStoreStaff: { invitation: InvitationResult | null; userErrors: UserErrorResult[] } };
type AcceptPayload = {
  acceptStoreInvitation: {
    invitation: { id: string; status: string } | null;
    staffMember: { userId: string; role: string } | null;
    userErrors: UserErrorResult[];
  };
};
type RespondPayload<K extends string> = { [key in K]: { invitation: { id: string; status: string } | null; userErrors: UserErrorResult[] } };
type MyInvitations = { myStoreInvitations: (InvitationResult & { store: { id: string; name: string } | null })[] };

describe('staff join a store by invitation, with their consent', () => {
  let stores: StoresUnderTest;
  const ownerId = randomUUID();
  const owner = tokenFor([Role.CUSTOMER], null, ownerId);
  const admin = tokenFor([Role.PLATFORM_ADMIN], null);
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stores = await StoresUnderTest.start();
  });
  afterAll(async () => {
    await stores.close();
  });

  const invite = (token: string, input: Record<string, unknown>) => stores.request<InvitePayload>(Operations.invite, { input }, token);
  const accept = (token: string, invitationId: string) => stores.request<AcceptPayload>(Operations.accept, { input: { invitationId } }, token);
  const myInvitations = async (token: string) => (await stores.request<MyInvitations>(Operations.myInvitations, {}, token)).data!.myStoreInvitations;
  const staffOf = async (storeId: string) =>
    (await stores.owner.query(`SELECT user_id, role FROM store_staff WHERE store_id = $1 ORDER BY added_at, user_id`, [storeId])).rows as {
      user_id: string;
      role: string;
    }[];
  const staffEvents = async (storeId: string) =>
    (await stores.outbox(storeId)).filter((event) => event.type.startsWith('stores.staff-')).map((event) => [event.type, event.data.userId ?? null]);

  it('no longer lets a merchant add anyone to their store (addStoreStaff is for platform admins only)', async () => {
    const store = await stores.createStore(owner, { name: `Grabby ${tag}` });
    const victimStore = await stores.createStore(tokenFor([Role.CUSTOMER], null, randomUUID()), { name: `Victim ${tag}` });
    const answer = await stores.request(Operations.addStaff, { input: { storeId: store.id, userId: victimStore.ownerId, role: 'STORE_STAFF' } }, owner);
    expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await staffOf(store.id)).map((row) => row.user_id)).toEqual([ownerId]);
    expect(await staffEvents(store.id)).toEqual([['stores.staff-added', ownerId]]);
  });

  it('invites by verified email: the invitee sees it signed in, accepts, and only then joins (stores.staff-added)', async () => {
    const store = await stores.createStore(owner, { name: `Inviting ${tag}` });
    const clerkId = randomUUID();
    const clerk = tokenFor([Role.CUSTOMER], null, clerkId);
    const email = `Clerk-${tag}@Example.com`;

    const invited = await invite(owner, { storeId: store.id, email, role: 'STORE_STAFF' });
    const invitation = invited.data!.inviteStoreStaff.invitation!;
    expect(invitation).toMatchObject({
      storeId: store.id,
      email: email.toLowerCase(),
      userId: null,
      role: 'STORE_STAFF',
      status: 'PENDING',
      invitedBy: ownerId,
    });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // nobody joined: no membership, no staff-added event (so no token of the invitee was touched)
    expect((await staffOf(store.id)).map((row) => row.user_id)).toEqual([ownerId]);
    const published = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.staff-invited');
    expect(published.map((event) => event.data)).toEqual([
      {
        storeId: store.id,
        storeName: store.name,
        invitationId: invitation.id,
        email: email.toLowerCase(),
        userId: null,
        role: 'STORE_STAFF',
        invitedBy: ownerId,
        expiresAt: invitation.expiresAt,
      },
    ]);
    // one pending invitation per store and email
    expect((await invite(owner, { storeId: store.id, email: email.toUpperCase(), role: 'MERCHANT' })).data!.inviteStoreStaff.userErrors).toEqual([
      expect.objectContaining({ code: 'ALREADY_INVITED', field: ['input', 'email'] }),
    ]);
    expect(
      (await stores.request<{ storeInvitations: InvitationResult[] }>(Operations.storeInvitations, { storeId: store.id }, owner)).data!.storeInvitations,
    ).toEqual([expect.objectContaining({ id: invitation.id, status: 'PENDING' })]);

    // before the clerk has verified that email, the invitation is not theirs to see or accept
    expect(await myInvitations(clerk)).toEqual([]);
    expect((await accept(clerk, invitation.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('NOT_FOUND');
    // someone else who verified another email does not see it either
    const other = tokenFor([Role.CUSTOMER], null, randomUUID());
    await stores.emailVerified(randomUUID(), `someone-${tag}@example.com`);

    await stores.emailVerified(clerkId, `clerk-${tag}@example.com`);
    const mine = await stores.eventually('the clerk’s invitation', async () => {
      const list = await myInvitations(clerk);
      return list.length > 0 ? list : undefined;
    });
    expect(mine).toEqual([expect.objectContaining({ id: invitation.id, store: { id: store.id, name: store.name } })]);
    expect(await myInvitations(other)).toEqual([]);
    expect((await accept(other, invitation.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('NOT_FOUND');

    const accepted = (await accept(clerk, invitation.id)).data!.acceptStoreInvitation;
    expect(accepted).toEqual({ invitation: { id: invitation.id, status: 'ACCEPTED' }, staffMember: { userId: clerkId, role: 'STORE_STAFF' }, userErrors: [] });
    expect(await staffOf(store.id)).toEqual([
      { user_id: ownerId, role: 'MERCHANT' },
      { user_id: clerkId, role: 'STORE_STAFF' },
    ]);
    expect(await staffEvents(store.id)).toEqual([
      ['stores.staff-added', ownerId],
      ['stores.staff-invited', null],
      ['stores.staff-added', clerkId],
    ]);
    expect((await accept(clerk, invitation.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('INVITATION_NOT_PENDING');
    expect(await myInvitations(clerk)).toEqual([]);
    expect((await stores.request<{ storeInvitations: unknown[] }>(Operations.storeInvitations, { storeId: store.id }, owner)).data!.storeInvitations).toEqual(
      [],
    );
  });

  it('invites a user by id; the invitee declines, or the merchant revokes; plain staff and strangers may do neither', async () => {
    const store = await stores.createStore(owner, { name: `Declined ${tag}` });
    const userId = randomUUID();
    const user = tokenFor([Role.CUSTOMER], null, userId);
    const first = (await invite(owner, { storeId: store.id, userId, role: 'MERCHANT' })).data!.inviteStoreStaff.invitation!;
    expect(first).toMatchObject({ userId, email: null, role: 'MERCHANT', status: 'PENDING' });
    expect(await myInvitations(user)).toEqual([expect.objectContaining({ id: first.id })]);
    const declined = await stores.request<RespondPayload<'declineStoreInvitation'>>(Operations.decline, { input: { invitationId: first.id } }, user);
    expect(declined.data!.declineStoreInvitation).toEqual({ invitation: { id: first.id, status: 'DECLINED' }, userErrors: [] });
    expect((await accept(user, first.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('INVITATION_NOT_PENDING');

    const second = (await invite(owner, { storeId: store.id, userId, role: 'STORE_STAFF' })).data!.inviteStoreStaff.invitation!;
    const stranger = tokenFor([Role.MERCHANT], store.id, randomUUID());
    const revoke = (token: string) => stores.request<RespondPayload<'revokeStoreInvitation'>>(Operations.revoke, { input: { invitationId: second.id } }, token);
    expect((await revoke(stranger)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await revoke(user)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await invite(stranger, { storeId: store.id, userId: randomUUID(), role: 'STORE_STAFF' })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await stores.request(Operations.storeInvitations, { storeId: store.id }, stranger)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await revoke(owner)).data!.revokeStoreInvitation).toEqual({ invitation: { id: second.id, status: 'REVOKED' }, userErrors: [] });
    expect((await accept(user, second.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('INVITATION_NOT_PENDING');
    expect(await myInvitations(user)).toEqual([]);
    expect((await staffOf(store.id)).map((row) => row.user_id)).toEqual([ownerId]);

    // an expired invitation cannot be accepted, and no longer blocks a new one
    const third = (await invite(owner, { storeId: store.id, userId, role: 'STORE_STAFF' })).data!.inviteStoreStaff.invitation!;
    await stores.owner.query(`UPDATE store_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [third.id]);
    expect((await accept(user, third.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('INVITATION_EXPIRED');
    expect(await myInvitations(user)).toEqual([]);
    expect((await invite(owner, { storeId: store.id, userId, role: 'STORE_STAFF' })).data!.inviteStoreStaff.userErrors).toEqual([]);

    // input: exactly one of email and userId, a staff role
    const bad = await invite(owner, { storeId: store.id, email: 'not-an-email', role: 'CUSTOMER' });
    expect(bad.errors![0].extensions!.fields!.map((field) => field.field.join('.'))).toEqual(['input.email', 'input.role']);
    const both = await invite(owner, { storeId: store.id, email: `both-${tag}@example.com`, userId, role: 'STORE_STAFF' });
    expect(both.data!.inviteStoreStaff.userErrors[0].code).toBe('INVITEE_REQUIRED');
    const none = await invite(owner, { storeId: store.id, role: 'STORE_STAFF' });
    expect(none.data!.inviteStoreStaff.userErrors[0].code).toBe('INVITEE_REQUIRED');
    // inviting someone who already works there
    expect((await invite(owner, { storeId: store.id, userId: ownerId, role: 'MERCHANT' })).data!.inviteStoreStaff.userErrors[0].code).toBe('ALREADY_A_MEMBER');
  });

  it('changes the role of someone already on the staff, and keeps the owner a merchant', async () => {
    const store = await stores.createStore(owner, { name: `Roles ${tag}` });
    const userId = randomUUID();
    const user = tokenFor([Role.CUSTOMER], null, userId);
    const invitation = (await invite(owner, { storeId: store.id, userId, role: 'STORE_STAFF' })).data!.inviteStoreStaff.invitation!;
    await accept(user, invitation.id);
    const change = (token: string, input: Record<string, unknown>) =>
      stores.request<{ changeStoreStaffRole: { staffMember: { userId: string; role: string } | null; userErrors: UserErrorResult[] } }>(
        Operations.changeRole,
        { input: { storeId: store.id, ...input } },
        token,
      );
    expect((await change(owner, { userId, role: 'MERCHANT' })).data!.changeStoreStaffRole).toEqual({
      staffMember: { userId, role: 'MERCHANT' },
      userErrors: [],
    });
    expect((await change(owner, { userId: ownerId, role: 'STORE_STAFF' })).data!.changeStoreStaffRole.userErrors[0].code).toBe('OWNER_IS_MERCHANT');
    expect((await change(owner, { userId: randomUUID(), role: 'STORE_STAFF' })).data!.changeStoreStaffRole.userErrors[0].code).toBe('NOT_A_MEMBER');
    const clerk = tokenFor([Role.CUSTOMER], null, randomUUID());
    expect((await change(clerk, { userId, role: 'STORE_STAFF' })).errors![0].extensions!.code).toBe('FORBIDDEN');
    // platform admins may still add someone directly (support)
    const rescued = randomUUID();
    const added = await stores.request<{ addStoreStaff: { staffMember: { userId: string; role: string } } }>(
      Operations.addStaff,
      { input: { storeId: store.id, userId: rescued, role: 'STORE_STAFF' } },
      admin,
    );
    expect(added.data!.addStoreStaff.staffMember).toEqual({ userId: rescued, role: 'STORE_STAFF' });
  });

  it('takes no new staff in a suspended or closed store, and lets its staff do nothing but read', async () => {
    const store = await stores.createStore(owner, { name: `Frozen ${tag}` });
    const userId = randomUUID();
    const user = tokenFor([Role.CUSTOMER], null, userId);
    const pending = (await invite(owner, { storeId: store.id, userId, role: 'STORE_STAFF' })).data!.inviteStoreStaff.invitation!;
    await stores.request(Operations.setStatus, { input: { storeId: store.id, status: 'SUSPENDED' } }, admin);

    expect((await invite(owner, { storeId: store.id, userId: randomUUID(), role: 'STORE_STAFF' })).data!.inviteStoreStaff.userErrors[0].code).toBe(
      'STORE_UNAVAILABLE',
    );
    const revoked = await stores.request<RespondPayload<'revokeStoreInvitation'>>(Operations.revoke, { input: { invitationId: pending.id } }, owner);
    expect(revoked.data!.revokeStoreInvitation.userErrors[0].code).toBe('STORE_UNAVAILABLE');
    expect((await accept(user, pending.id)).data!.acceptStoreInvitation.userErrors[0].code).toBe('STORE_UNAVAILABLE');
    const update = await stores.request<{ updateStore: { userErrors: UserErrorResult[] } }>(
      Operations.update,
      { input: { storeId: store.id, name: 'Rebrand' } },
      owner,
    );
    expect(update.data!.updateStore.userErrors).toEqual([expect.objectContaining({ code: 'STORE_UNAVAILABLE', field: ['input', 'storeId'] })]);
    const theme = await stores.request<{ updateStoreTheme: { userErrors: UserErrorResult[] } }>(
      Operations.theme,
      { input: { storeId: store.id, customCss: 'p{}' } },
      owner,
    );
    expect(theme.data!.updateStoreTheme.userErrors[0].code).toBe('STORE_UNAVAILABLE');
    // the staff still read their store; a platform admin still changes it and lifts the suspension
    expect((await stores.request<{ store: { id: string } }>(Operations.store, { id: store.id }, owner)).data!.store.id).toBe(store.id);
    const byAdmin = await stores.request<{ updateStore: { store: { name: string } } }>(
      Operations.update,
      { input: { storeId: store.id, name: `Fixed ${tag}` } },
      admin,
    );
    expect(byAdmin.data!.updateStore.store.name).toBe(`Fixed ${tag}`);
    expect(
      (await stores.request<{ setStoreStatus: { store: { status: string } } }>(Operations.setStatus, { input: { storeId: store.id, status: 'ACTIVE' } }, admin))
        .data!.setStoreStatus.store.status,
    ).toBe('ACTIVE');
    expect((await accept(user, pending.id)).data!.acceptStoreInvitation.staffMember).toEqual({ userId, role: 'STORE_STAFF' });

    await stores.request(Operations.setStatus, { input: { storeId: store.id, status: 'CLOSED' } }, admin);
    expect((await invite(owner, { storeId: store.id, userId: randomUUID(), role: 'STORE_STAFF' })).data!.inviteStoreStaff.userErrors[0].code).toBe(
      'STORE_CLOSED',
    );
  });

  it('keeps invitations isolated by row-level security for the application role', async () => {
    await expect(stores.subgraph.runtime.dataSource.query(`SELECT count(*) FROM store_invitation`)).rejects.toThrow(/no store scope/);
  });
});
