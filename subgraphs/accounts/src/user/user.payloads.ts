import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { User } from './user.entity';

/** Mutations that change a user answer with the user (when it worked) and what went wrong (when not). */
@ObjectType({ description: 'Result of a mutation that changes a user.' })
export class UserPayload {
  @Field(() => User, { nullable: true, description: 'The user as it now is; null when nothing was changed.' })
  user: User | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends UserPayload>(this: new () => T, user: User): T {
    return Object.assign(new this(), { user, userErrors: [] });
  }

  static failed<T extends UserPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { user: null, userErrors });
  }
}

@ObjectType({ description: 'Result of updateProfile.' })
export class UpdateProfilePayload extends UserPayload {}
