import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { ShippingMethod } from '../method/shipping-method.entity';
import { loadZoneMethods } from '../method/method-queries';
import { ShippingZone } from './shipping-zone.entity';
import { CreateShippingZoneInput, DeleteShippingZoneInput, UpdateShippingZoneInput } from './zone.inputs';
import { CreateShippingZonePayload, DeleteShippingZonePayload, UpdateShippingZonePayload } from './zone.payloads';
import { createShippingZone, deleteShippingZone, updateShippingZone } from './zone-commands';
import { listZones, loadZone } from './zone-queries';

export const ShippingZoneConnection = connectionTypes(ShippingZone, 'ShippingZone');

@Resolver(() => ShippingZone)
export class ShippingZoneResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => ShippingZone, { nullable: true, description: "A shipping zone of the caller's store by id; null when there is none." })
  shippingZone(@Arg('id', () => ID, { description: 'Zone id.' }) id: string, @Ctx() context: SubgraphContext): Promise<ShippingZone | null> {
    return loadZone(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => ShippingZoneConnection, { description: "The shipping zones of the caller's store, oldest first." })
  shippingZones(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listZones(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateShippingZonePayload, { description: "Creates a shipping zone in the caller's store." })
  createShippingZone(@Arg('input', { description: 'The new zone.' }) input: CreateShippingZoneInput, @Ctx() context: SubgraphContext) {
    return createShippingZone(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateShippingZonePayload, { description: 'Renames a shipping zone or replaces its regions; its methods are republished.' })
  updateShippingZone(@Arg('input', { description: 'What to change.' }) input: UpdateShippingZoneInput, @Ctx() context: SubgraphContext) {
    return updateShippingZone(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteShippingZonePayload, { description: 'Deletes a shipping zone that has no methods left.' })
  deleteShippingZone(@Arg('input', { description: 'The zone to delete.' }) input: DeleteShippingZoneInput, @Ctx() context: SubgraphContext) {
    return deleteShippingZone(context, input);
  }

  @FieldResolver(() => [ShippingMethod], { description: 'Its shipping methods, oldest first.' })
  methods(@Root() zone: ShippingZone, @Ctx() context: SubgraphContext): Promise<ShippingMethod[]> {
    return loadZoneMethods(context, zone.id);
  }
}
