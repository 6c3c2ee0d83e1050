import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { ShippingZone } from '../zone/shipping-zone.entity';
import { loadZone } from '../zone/zone-queries';
import { ShippingMethod } from './shipping-method.entity';
import { CreateShippingMethodInput, DeleteShippingMethodInput, UpdateShippingMethodInput } from './method.inputs';
import { CreateShippingMethodPayload, DeleteShippingMethodPayload, UpdateShippingMethodPayload } from './method.payloads';
import { createShippingMethod, deleteShippingMethod, updateShippingMethod } from './method-commands';
import { listMethods, loadMethod } from './method-queries';

export const ShippingMethodConnection = connectionTypes(ShippingMethod, 'ShippingMethod');

@ArgsType()
class ShippingMethodsArgs extends PageArgs {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Only the methods of this zone.' })
  zoneId?: string;
}

@Resolver(() => ShippingMethod)
export class ShippingMethodResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => ShippingMethod, { nullable: true, description: "A shipping method of the caller's store by id; null when there is none." })
  shippingMethod(@Arg('id', () => ID, { description: 'Method id.' }) id: string, @Ctx() context: SubgraphContext): Promise<ShippingMethod | null> {
    return loadMethod(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => ShippingMethodConnection, { description: "The shipping methods of the caller's store (of one zone when given), oldest first." })
  shippingMethods(@Args() args: ShippingMethodsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listMethods(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateShippingMethodPayload, { description: "Creates a shipping method in a zone of the caller's store." })
  createShippingMethod(@Arg('input', { description: 'The new method.' }) input: CreateShippingMethodInput, @Ctx() context: SubgraphContext) {
    return createShippingMethod(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateShippingMethodPayload, { description: 'Changes a shipping method (its rate, threshold, carrier, name or zone).' })
  updateShippingMethod(@Arg('input', { description: 'What to change.' }) input: UpdateShippingMethodInput, @Ctx() context: SubgraphContext) {
    return updateShippingMethod(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteShippingMethodPayload, { description: 'Deletes a shipping method; carts stop offering it.' })
  deleteShippingMethod(@Arg('input', { description: 'The method to delete.' }) input: DeleteShippingMethodInput, @Ctx() context: SubgraphContext) {
    return deleteShippingMethod(context, input);
  }

  @FieldResolver(() => ShippingZone, { description: 'The zone whose addresses it ships to.' })
  async zone(@Root() method: ShippingMethod, @Ctx() context: SubgraphContext): Promise<ShippingZone> {
    const zone = await loadZone(context, method.zoneId);
    if (!zone) throw new Error(`shipping: method ${method.id} has no zone ${method.zoneId}`);
    return zone;
  }
}
