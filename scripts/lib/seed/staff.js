'use strict';
const { expectNoUserErrors } = require('./client');

const STORE_STAFF = `query SeedStoreStaff($storeId: ID!) { storeStaff(storeId: $storeId) { userId role } }`;
const MY_INVITATIONS = `query SeedMyStoreInvitations { myStoreInvitations { id storeId } }`;
const INVITE_STORE_STAFF = `mutation SeedInviteStoreStaff($input: InviteStoreStaffInput!) {
  inviteStoreStaff(input: $input) { invitation { id } userErrors { code field message } }
}`;
const ACCEPT_STORE_INVITATION = `mutation SeedAcceptStoreInvitation($input: AcceptStoreInvitationInput!) {
  acceptStoreInvitation(input: $input) { staffMember { userId role } userErrors { code field message } }
}`;

/**
 * Makes `userId` a STORE_STAFF member of `storeId` unless they already work there, the way anyone
 * joins a store: `merchant` (the store's merchant) invites them by user id, and `invitee` (signed in
 * as that user) accepts. An invitation left pending by an interrupted run is accepted, not sent again.
 */
async function ensureStaffMember(merchant, storeId, userId, invitee) {
  const { storeStaff } = await merchant(STORE_STAFF, { storeId });
  if (storeStaff.some((member) => member.userId === userId)) return { created: false };
  const { myStoreInvitations } = await invitee(MY_INVITATIONS);
  let invitationId = myStoreInvitations.find((invitation) => invitation.storeId === storeId)?.id;
  if (!invitationId) {
    const { inviteStoreStaff } = await merchant(INVITE_STORE_STAFF, { input: { storeId, userId, role: 'STORE_STAFF' } });
    invitationId = expectNoUserErrors('inviteStoreStaff', inviteStoreStaff).invitation.id;
  }
  const { acceptStoreInvitation } = await invitee(ACCEPT_STORE_INVITATION, { input: { invitationId } });
  expectNoUserErrors('acceptStoreInvitation', acceptStoreInvitation);
  return { created: true };
}

module.exports = { ensureStaffMember };
