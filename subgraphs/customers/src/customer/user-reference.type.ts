import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Accounts' User as customers refers to it: only the key; accounts resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User', { description: 'A person with an account: a shopper, a store merchant or staff member, or a platform admin.' })
export class UserReference {
  @Field(() => ID, { description: 'Opaque user id.' })
  id: string;

  static of(id: string): UserReference {
    return Object.assign(new UserReference(), { id });
  }
}
