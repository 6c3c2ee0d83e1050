import { Field, InputType } from 'type-graphql';
import { IsEnum, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Role } from '@ultramarket/kit';

const NOT_BLANK = /\S/;

@InputType({ description: "Changes to the caller's profile; fields left out stay as they are." })
export class UpdateProfileInput {
  @IsOptional()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'firstName must not be blank' })
  @Field({ nullable: true, description: 'New given name (1–100 characters).' })
  firstName?: string;

  @IsOptional()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'lastName must not be blank' })
  @Field({ nullable: true, description: 'New family name (1–100 characters).' })
  lastName?: string;
}

@InputType({ description: 'Narrows the user list; all given conditions must hold.' })
export class UsersFilter {
  @IsOptional()
  @MaxLength(254)
  @Field({ nullable: true, description: 'Part of the email address (case-insensitive).' })
  email?: string;

  @IsOptional()
  @IsEnum(Role)
  @Field(() => Role, { nullable: true, description: 'Only users holding this role.' })
  role?: Role;
}
