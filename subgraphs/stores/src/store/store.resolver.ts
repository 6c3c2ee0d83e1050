import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { worksIn } from '../staff/store-membership';
import { Store } from './store.entity';
import { mergeSettings, StoreSettings } from './store-settings';
import { CreateStoreInput, SetStoreStatusInput, StoresFilter, UpdateStoreInput, UpdateStoreThemeInput } from './store.inputs';
import { CreateStorePayload, SetStoreStatusPayload, UpdateStorePayload, UpdateStoreThemePayload } from './store.payloads';
import { findStoreByDomain, findStoreBySlug, findVisibleStore, listStores, myStores } from './store-queries';
import { createStore } from './create-store';
import { updateStore, updateStoreTheme } from './update-store';
import { setStoreStatus } from './set-store-status';
import { CustomDomainVerification } from '../custom-domain/custom-domain-verification.type';
import { VerifyStoreDomainInput, VerifyStoreDomainPayload, verifyStoreDomain } from '../custom-domain/verify-store-domain';

export const StoreConnection = connectionTypes(Store, 'Store');

@ArgsType()
class StoresArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => StoresFilter, { nullable: true, description: 'Conditions every store must meet.' })
  filter?: StoresFilter;
}

export function storeResolver(services: StoresServices) {
  @Resolver(() => Store)
  class StoreResolver {
    @Query(() => Store, {
      nullable: true,
      description: 'A store by id; null when it does not exist, or is suspended or closed and the caller does not work there.',
    })
    store(@Arg('id', () => ID, { description: 'Store id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Store | null> {
      return findVisibleStore(context, services, id);
    }

    @Query(() => Store, { nullable: true, description: 'A store by its slug, with the same visibility as `store`.' })
    storeBySlug(@Arg('slug', { description: 'The store slug, e.g. "blue-bottle".' }) slug: string, @Ctx() context: SubgraphContext): Promise<Store | null> {
      return findStoreBySlug(context, services, slug);
    }

    @Query(() => Store, {
      nullable: true,
      description: 'The store a host name serves (its platform domain or custom domain, case-insensitive), with the same visibility as `store`.',
    })
    storeByDomain(
      @Arg('domain', { description: 'Host name, e.g. blue-bottle.ultramarket.app or shop.example.com.' }) domain: string,
      @Ctx() context: SubgraphContext,
    ) {
      return findStoreByDomain(context, services, domain);
    }

    @Authorized()
    @Directive('@listSize(assumedSize: 10)')
    @Query(() => [Store], { description: 'The stores the signed-in user works in, whatever their status, oldest membership first.' })
    myStores(@Ctx() context: SubgraphContext): Promise<Store[]> {
      return myStores(context, services);
    }

    @Authorized(Role.PLATFORM_ADMIN)
    @Directive(CONNECTION_LIST_SIZE)
    @Query(() => StoreConnection, { description: 'Every store on the platform, newest first (platform admins only).' })
    stores(@Args() args: StoresArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
      return listStores(context, args, selectsField(info, 'totalCount'));
    }

    @FieldResolver(() => StoreSettings, { nullable: true, description: 'How the store runs; null unless the caller works in the store or runs the platform.' })
    async settings(@Root() store: Store, @Ctx() context: SubgraphContext): Promise<StoreSettings | null> {
      // merged with the defaults: a store cached before a setting existed shows its default
      return (await worksIn(context, store.id)) ? mergeSettings(store.settings, null) : null;
    }

    @FieldResolver(() => String, {
      nullable: true,
      description:
        "The merchant's own host name for the storefront: shown to everyone once verified (then it serves the store and is unique on the platform), to the store's staff also while pending.",
    })
    async customDomain(@Root() store: Store, @Ctx() context: SubgraphContext): Promise<string | null> {
      if (!store.customDomain) return null;
      return store.customDomainVerifiedAt || (await worksIn(context, store.id)) ? store.customDomain : null;
    }

    @FieldResolver(() => CustomDomainVerification, {
      nullable: true,
      description:
        'How the custom domain is proven (the TXT record to publish) and whether it is; null without a custom domain, or unless the caller works in the store or runs the platform.',
    })
    async customDomainVerification(@Root() store: Store, @Ctx() context: SubgraphContext): Promise<CustomDomainVerification | null> {
      return (await worksIn(context, store.id)) ? CustomDomainVerification.of(store) : null;
    }

    @Authorized()
    @Mutation(() => CreateStorePayload, {
      description: 'Creates a store owned by the caller, who becomes its MERCHANT; publishes stores.created and stores.staff-added.',
    })
    createStore(@Arg('input', { description: 'The new store.' }) input: CreateStoreInput, @Ctx() context: SubgraphContext) {
      return createStore(context, services, input);
    }

    @Authorized()
    @Mutation(() => UpdateStorePayload, { description: "Changes a store's details and settings (its merchants, platform admins); publishes stores.updated." })
    updateStore(@Arg('input', { description: 'What to change.' }) input: UpdateStoreInput, @Ctx() context: SubgraphContext) {
      return updateStore(context, services, input);
    }

    @Authorized()
    @Mutation(() => UpdateStoreThemePayload, { description: "Changes a store's theme (its merchants, platform admins); publishes stores.updated." })
    updateStoreTheme(@Arg('input', { description: 'Theme changes.' }) input: UpdateStoreThemeInput, @Ctx() context: SubgraphContext) {
      return updateStoreTheme(context, services, input);
    }

    @Authorized()
    @Mutation(() => VerifyStoreDomainPayload, {
      description:
        "Checks the store's pending custom domain for its TXT challenge record (customDomainVerification) and, when found, makes the domain serve the store (its merchants, platform admins); publishes stores.domain-verified.",
    })
    verifyStoreDomain(@Arg('input', { description: 'The store.' }) input: VerifyStoreDomainInput, @Ctx() context: SubgraphContext) {
      return verifyStoreDomain(context, services, input);
    }

    @Authorized()
    @Mutation(() => SetStoreStatusPayload, {
      description:
        'Moves a store to another status: its merchants pause and resume it; platform admins also suspend, lift a suspension and close (final). Publishes stores.status-changed.',
    })
    setStoreStatus(@Arg('input', { description: 'The store and its new status.' }) input: SetStoreStatusInput, @Ctx() context: SubgraphContext) {
      return setStoreStatus(context, services, input);
    }
  }
  return StoreResolver;
}
