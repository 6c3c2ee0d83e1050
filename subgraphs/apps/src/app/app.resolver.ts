import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { CONNECTION_LIST_SIZE, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { App } from './app.entity';
import { AppConnection } from './app.connection';
import { InstallAppInput, UninstallAppInput, UpdateAppScopesInput } from './app.inputs';
import { InstallAppPayload, UninstallAppPayload, UpdateAppScopesPayload } from './app.payloads';
import { appById, installedApps } from './app-queries';
import { installApp } from './install-app';
import { updateAppScopes } from './update-app-scopes';
import { uninstallApp } from './uninstall-app';

/** Apps are managed by the store's merchant (or a platform admin); its staff may look; no app may touch them (apps.subgraph.ts appAccess). */
@Resolver(() => App)
export class AppResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => AppConnection, { description: "The caller's store's installed apps, newest first." })
  apps(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return installedApps(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => App, { nullable: true, description: "One of the caller's store's apps (uninstalled ones too); null for another store's or an unknown id." })
  app(@Arg('id', () => ID, { description: 'The app.' }) id: string, @Ctx() context: SubgraphContext) {
    return appById(context, id);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => InstallAppPayload, {
    description: 'Installs an app in the store with its scopes; publishes apps.app-installed. Make it a key with createApiKey.',
  })
  installApp(@Arg('input', { description: 'The app.' }) input: InstallAppInput, @Ctx() context: SubgraphContext) {
    return installApp(context, input);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => UpdateAppScopesPayload, { description: "Replaces an app's scopes, for its keys' next requests; publishes apps.app-scopes-changed." })
  updateAppScopes(@Arg('input', { description: 'The app and its scopes.' }) input: UpdateAppScopesInput, @Ctx() context: SubgraphContext) {
    return updateAppScopes(context, input);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => UninstallAppPayload, {
    description: 'Uninstalls an app and revokes its keys; publishes apps.api-key-revoked for each and apps.app-uninstalled.',
  })
  uninstallApp(@Arg('input', { description: 'The app.' }) input: UninstallAppInput, @Ctx() context: SubgraphContext) {
    return uninstallApp(context, input);
  }
}
