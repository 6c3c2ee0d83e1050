import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { Store } from '../store/store.entity';
import { findVisibleStore } from '../store/store-queries';
import { StoreInvitation } from './store-invitation.entity';
import { AcceptStoreInvitationInput, DeclineStoreInvitationInput, InviteStoreStaffInput, RevokeStoreInvitationInput } from './invitation.inputs';
import { AcceptStoreInvitationPayload, DeclineStoreInvitationPayload, InviteStoreStaffPayload, RevokeStoreInvitationPayload } from './invitation.payloads';
import { inviteStoreStaff } from './invite-store-staff';
import { acceptStoreInvitation, declineStoreInvitation } from './respond-to-invitation';
import { revokeStoreInvitation } from './revoke-store-invitation';
import { listStoreInvitations, myStoreInvitations } from './invitation-queries';

export function invitationResolver(services: StoresServices) {
  @Resolver(() => StoreInvitation)
  class InvitationResolver {
    @Authorized()
    @Query(() => [StoreInvitation], {
      description: 'The pending invitations to work in a store addressed to the signed-in user (by user id, or to the email they verified), newest first.',
    })
    myStoreInvitations(@Ctx() context: SubgraphContext) {
      return myStoreInvitations(context);
    }

    @Authorized()
    @Query(() => [StoreInvitation], { description: "A store's pending invitations, newest first (its merchants, platform admins)." })
    storeInvitations(@Arg('storeId', () => ID, { description: 'The store.' }) storeId: string, @Ctx() context: SubgraphContext) {
      return listStoreInvitations(context, storeId);
    }

    @FieldResolver(() => Store, { nullable: true, description: 'The store (null when it is suspended or closed and the caller does not work there).' })
    store(@Root() invitation: StoreInvitation, @Ctx() context: SubgraphContext): Promise<Store | null> {
      return findVisibleStore(context, services, invitation.storeId);
    }

    @Authorized()
    @Mutation(() => InviteStoreStaffPayload, {
      description:
        "Invites someone, by email or user id, to a store's staff for seven days (its merchants, platform admins); they join only when they accept. Publishes stores.staff-invited.",
    })
    inviteStoreStaff(@Arg('input', { description: 'The store, the invitee and the role.' }) input: InviteStoreStaffInput, @Ctx() context: SubgraphContext) {
      return inviteStoreStaff(context, services, input);
    }

    @Authorized()
    @Mutation(() => AcceptStoreInvitationPayload, {
      description: "Accepts an invitation addressed to the signed-in user, who joins the store's staff with its role; publishes stores.staff-added.",
    })
    acceptStoreInvitation(@Arg('input', { description: 'The invitation.' }) input: AcceptStoreInvitationInput, @Ctx() context: SubgraphContext) {
      return acceptStoreInvitation(context, services, input);
    }

    @Authorized()
    @Mutation(() => DeclineStoreInvitationPayload, { description: 'Declines an invitation addressed to the signed-in user.' })
    declineStoreInvitation(@Arg('input', { description: 'The invitation.' }) input: DeclineStoreInvitationInput, @Ctx() context: SubgraphContext) {
      return declineStoreInvitation(context, input);
    }

    @Authorized()
    @Mutation(() => RevokeStoreInvitationPayload, { description: "Withdraws a store's pending invitation (its merchants, platform admins)." })
    revokeStoreInvitation(@Arg('input', { description: 'The invitation.' }) input: RevokeStoreInvitationInput, @Ctx() context: SubgraphContext) {
      return revokeStoreInvitation(context, input);
    }
  }
  return InvitationResolver;
}
