import { Field, ID, InputType } from 'type-graphql';
import { AppScope } from '@ultramarket/kit';

@InputType({ description: 'The app to install in the caller’s store.' })
export class InstallAppInput {
  @Field({ description: 'What the store calls the app, 1 to 100 characters on one line.' })
  name: string;

  @Field(() => [AppScope], { description: 'What its API keys may do (at least one scope).' })
  scopes: AppScope[];
}

@InputType({ description: 'The scopes an app has from now on.' })
export class UpdateAppScopesInput {
  @Field(() => ID, { description: 'The app.' })
  id: string;

  @Field(() => [AppScope], { description: 'Its scopes from now on, replacing the old ones (at least one).' })
  scopes: AppScope[];
}

@InputType({ description: 'The app to uninstall.' })
export class UninstallAppInput {
  @Field(() => ID, { description: 'The app.' })
  id: string;
}
