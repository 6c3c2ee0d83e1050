import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ApiKey } from './api-key.entity';

@ObjectType({ description: 'Result of createApiKey: the only time the key itself is shown.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key’s record; null when none was made.' })
  apiKey: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key (`umk_…`), to send as `Authorization: Bearer <key>` or `X-Api-Key`. Shown this once: only its hash is kept.',
  })
  key: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(apiKey: ApiKey, key: string): CreateApiKeyPayload {
    return Object.assign(new CreateApiKeyPayload(), { apiKey, key, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): CreateApiKeyPayload {
    return Object.assign(new CreateApiKeyPayload(), { apiKey: null, key: null, userErrors });
  }
}

@ObjectType({ description: 'Result of revokeApiKey.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key as it now is (revoked); null when nothing was revoked.' })
  apiKey: ApiKey | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(apiKey: ApiKey): RevokeApiKeyPayload {
    return Object.assign(new RevokeApiKeyPayload(), { apiKey, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): RevokeApiKeyPayload {
    return Object.assign(new RevokeApiKeyPayload(), { apiKey: null, userErrors });
  }
}
