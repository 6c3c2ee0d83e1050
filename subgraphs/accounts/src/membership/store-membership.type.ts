import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '@ultramarket/kit';

@ObjectType({ description: 'A store the user works in, and their role there.' })
export class StoreMembership {
  @Field(() => ID, { description: 'The store.' })
  storeId: string;

  @Field(() => Role, { description: 'MERCHANT or STORE_STAFF.' })
  role: Role;
}
