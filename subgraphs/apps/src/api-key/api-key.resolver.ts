import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';
import { CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.payloads';
import { createApiKey } from './create-api-key';
import { revokeApiKey } from './revoke-api-key';
import { liveKeysOf } from './api-key-queries';
import { App } from '../app/app.entity';

@Resolver(() => App)
export class ApiKeyResolver {
  @Authorized(Role.MERCHANT)
  @Mutation(() => CreateApiKeyPayload, {
    description: 'A new API key for an installed app of the store, shown this once (at most 5 live keys an app); publishes apps.api-key-created.',
  })
  createApiKey(@Arg('input', { description: 'The app.' }) input: CreateApiKeyInput, @Ctx() context: SubgraphContext) {
    return createApiKey(context, input);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key: refused from the next request on; publishes apps.api-key-revoked.' })
  revokeApiKey(@Arg('input', { description: 'The key.' }) input: RevokeApiKeyInput, @Ctx() context: SubgraphContext) {
    return revokeApiKey(context, input);
  }

  @FieldResolver(() => [ApiKey], { description: 'The app’s live API keys (at most 5), newest first; none once uninstalled.' })
  apiKeys(@Root() app: App, @Ctx() context: SubgraphContext): Promise<ApiKey[]> {
    return context.storeDb.read((manager) => liveKeysOf(manager, app.id));
  }
}
