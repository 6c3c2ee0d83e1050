import { Field, InputType } from 'type-graphql';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password/password-policy';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new account. New users are CUSTOMERs and must verify their email.' })
export class RegisterInput {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  @Field({ description: 'Sign-in email address; a verification link is sent to it.' })
  email: string;

  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  @Field({ description: 'At least 12 characters of at least two kinds (lower, upper, digits, symbols); not the email, not a common password.' })
  password: string;

  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'firstName must not be blank' })
  @Field({ description: 'Given name (1–100 characters).' })
  firstName: string;

  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'lastName must not be blank' })
  @Field({ description: 'Family name (1–100 characters).' })
  lastName: string;
}

@InputType({ description: 'The token from the verification email.' })
export class VerifyEmailInput {
  @Length(1, 200)
  @Field({ description: 'The single-use token the verification email carries (valid 24 hours).' })
  token: string;
}
