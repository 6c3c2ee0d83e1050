import { Field, ID, InputType } from 'type-graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Role } from '@ultramarket/kit';

@InputType({ description: 'A role to give a user.' })
export class AssignRoleInput {
  @IsUUID()
  @Field(() => ID, { description: 'The user.' })
  userId: string;

  @IsEnum(Role)
  @Field(() => Role, { description: 'The role to add.' })
  role: Role;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The store the user acts for; required with MERCHANT and STORE_STAFF, ignored otherwise.' })
  storeId?: string;
}

@InputType({ description: 'A role to take from a user.' })
export class RevokeRoleInput {
  @IsUUID()
  @Field(() => ID, { description: 'The user.' })
  userId: string;

  @IsEnum(Role)
  @Field(() => Role, { description: 'The role to remove.' })
  role: Role;
}
