import { Field, InputType } from 'type-graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './password-policy';

@InputType({ description: 'The email of the account whose password was forgotten.' })
export class RequestPasswordResetInput {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  @Field({ description: 'The account email; the answer is the same whether or not it has an account.' })
  email: string;
}

@InputType({ description: 'A new password, with the token from the reset email.' })
export class ResetPasswordInput {
  @Length(1, 200)
  @Field({ description: 'The single-use token the reset email carries (valid one hour).' })
  token: string;

  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  @Field({ description: 'The new password (same rules as at registration).' })
  newPassword: string;
}

@InputType({ description: 'The current password and the new one.' })
export class ChangePasswordInput {
  @Length(1, PASSWORD_MAX_LENGTH)
  @Field({ description: 'The current password.' })
  currentPassword: string;

  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  @Field({ description: 'The new password (same rules as at registration).' })
  newPassword: string;
}
