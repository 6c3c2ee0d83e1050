import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { UserPayload } from '../user/user.payloads';

@ObjectType({ description: 'Result of requestPasswordReset: the same whether or not the email has an account.' })
export class RequestPasswordResetPayload {
  @Field({ description: 'Always true: if the email has an account, a reset link is on its way.' })
  accepted: boolean;

  @Field(() => [UserError], { description: 'Always empty, so the answer reveals nothing about the email.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of resetPassword: the user, or TOKEN_INVALID / WEAK_PASSWORD. Every session of the user is ended.' })
export class ResetPasswordPayload extends UserPayload {}

@ObjectType({ description: 'Result of changePassword. Other sessions are ended; this one continues with the new access token.' })
export class ChangePasswordPayload extends UserPayload {
  @Field(() => String, {
    nullable: true,
    description: "A fresh access token for this session: the caller's previous one is refused from now on, like every other issued before the change.",
  })
  accessToken: string | null;

  @Field(() => Int, { nullable: true, description: 'Seconds until the new access token expires.' })
  expiresIn: number | null;
}
