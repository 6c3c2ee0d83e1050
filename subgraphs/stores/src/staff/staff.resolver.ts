import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { StoreStaffMember } from './store-staff.entity';
import { AddStoreStaffInput, ChangeStoreStaffRoleInput, RemoveStoreStaffInput } from './staff.inputs';
import { AddStoreStaffPayload, ChangeStoreStaffRolePayload, RemoveStoreStaffPayload } from './staff.payloads';
import { addStoreStaff, changeStoreStaffRole, removeStoreStaff } from './staff-commands';
import { listStoreStaff } from './staff-queries';

export function staffResolver(services: StoresServices) {
  @Resolver(() => StoreStaffMember)
  class StaffResolver {
    @Authorized()
    @Directive('@listSize(assumedSize: 20)')
    @Query(() => [StoreStaffMember], { description: "Who works in a store, oldest first (the store's staff and platform admins)." })
    storeStaff(@Arg('storeId', () => ID, { description: 'The store.' }) storeId: string, @Ctx() context: SubgraphContext) {
      return listStoreStaff(context, storeId);
    }

    @Authorized(Role.PLATFORM_ADMIN)
    @Mutation(() => AddStoreStaffPayload, {
      description:
        "Adds someone to a store's staff without an invitation, or changes their role: platform admins only (support). Merchants use inviteStoreStaff. Publishes stores.staff-added.",
    })
    addStoreStaff(@Arg('input', { description: 'The store, the user and the role.' }) input: AddStoreStaffInput, @Ctx() context: SubgraphContext) {
      return addStoreStaff(context, services, input);
    }

    @Authorized()
    @Mutation(() => ChangeStoreStaffRolePayload, {
      description:
        "Changes the role of someone who already works in a store; the owner stays a MERCHANT (the store's merchants, platform admins). Publishes stores.staff-added.",
    })
    changeStoreStaffRole(
      @Arg('input', { description: 'The store, the staff member and their new role.' }) input: ChangeStoreStaffRoleInput,
      @Ctx() context: SubgraphContext,
    ) {
      return changeStoreStaffRole(context, services, input);
    }

    @Authorized()
    @Mutation(() => RemoveStoreStaffPayload, {
      description: "Takes someone off a store's staff; the owner stays (the store's merchants, platform admins). Publishes stores.staff-removed.",
    })
    removeStoreStaff(@Arg('input', { description: 'The store and the user.' }) input: RemoveStoreStaffInput, @Ctx() context: SubgraphContext) {
      return removeStoreStaff(context, services, input);
    }
  }
  return StaffResolver;
}
