import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The app to make a new API key for.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The installed app.' })
  appId: string;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key’s id.' })
  id: string;
}
