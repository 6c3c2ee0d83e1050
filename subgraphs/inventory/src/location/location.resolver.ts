import { Arg, Args, Authorized, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { badUserInput, byCreatedAt, CONNECTION_LIST_SIZE, connectionTypes, keysetPage, PageArgs, pageSize, Role, type SubgraphContext } from '@ultramarket/kit';
import { Location } from './location.entity';
import { CreateLocationInput, CreateLocationPayload, UpdateLocationInput, UpdateLocationPayload } from './location.inputs';
import { createLocation, updateLocation } from './manage-locations';

export const LocationConnection = connectionTypes(Location, 'Location');

@Resolver(() => Location)
export class LocationResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => LocationConnection, { description: 'The caller’s store’s locations, oldest first (store staff).' })
  locations(@Args() args: PageArgs, @Ctx() context: SubgraphContext) {
    const storeId = context.caller.storeId;
    if (!storeId) throw badUserInput('Act for a store to list its locations');
    return context.storeDb.read((manager) =>
      keysetPage(manager.getRepository(Location).createQueryBuilder('l').where('l.store_id = :storeId', { storeId }), {
        sort: byCreatedAt<Location>('l'),
        descending: false,
        limit: pageSize(args.first),
        after: args.after,
        countTotal: true,
      }),
    );
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateLocationPayload, { description: 'Adds a place where the store keeps stock.' })
  async createLocation(@Arg('input', { description: 'The location.' }) input: CreateLocationInput, @Ctx() context: SubgraphContext) {
    return CreateLocationPayload.of(await createLocation(context, input));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateLocationPayload, {
    description:
      'Renames, re-prioritises, re-addresses, deactivates or reactivates a location; one with reserved units cannot be deactivated. (De)activating one publishes inventory.stock-changed for each item kept there.',
  })
  async updateLocation(@Arg('input', { description: 'The changes.' }) input: UpdateLocationInput, @Ctx() context: SubgraphContext) {
    return UpdateLocationPayload.of(await updateLocation(context, input));
  }
}
