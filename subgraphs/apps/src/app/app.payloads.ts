import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { App } from './app.entity';

@ObjectType({ description: 'Result of an app mutation.' })
export class AppPayload {
  @Field(() => App, { nullable: true, description: 'The app as it now is; null when nothing was changed.' })
  app: App | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends AppPayload>(this: new () => T, app: App): T {
    return Object.assign(new this(), { app, userErrors: [] });
  }

  static failed<T extends AppPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { app: null, userErrors });
  }
}

@ObjectType({ description: 'Result of installApp.' })
export class InstallAppPayload extends AppPayload {}

@ObjectType({ description: 'Result of updateAppScopes.' })
export class UpdateAppScopesPayload extends AppPayload {}

@ObjectType({ description: 'Result of uninstallApp.' })
export class UninstallAppPayload extends AppPayload {}
