import { Arg, Authorized, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { ChangePasswordInput, RequestPasswordResetInput, ResetPasswordInput } from './password.inputs';
import { ChangePasswordPayload, RequestPasswordResetPayload, ResetPasswordPayload } from './password.payloads';
import { requestPasswordReset, resetPassword } from './password-reset';
import { changePassword } from './change-password';

export function passwordResolver(services: AccountsServices) {
  @Resolver()
  class PasswordResolver {
    // a password hash or an email per call: the gateway prices each call, aliases too, at this weight
    @Directive('@cost(weight: 50)')
    @Mutation(() => RequestPasswordResetPayload, {
      description:
        'Sends a password reset link (accounts.password-reset-requested) if the email has an account. The answer is the same either way, so it reveals nothing.',
    })
    requestPasswordReset(@Arg('input', { description: 'The account email.' }) input: RequestPasswordResetInput, @Ctx() context: SubgraphContext) {
      return requestPasswordReset(context, services, input);
    }

    @Directive('@cost(weight: 50)')
    @Mutation(() => ResetPasswordPayload, {
      description: 'Sets a new password with the token from the reset email (single use, one hour), unlocks the account and ends every session.',
    })
    resetPassword(@Arg('input', { description: 'The token and the new password.' }) input: ResetPasswordInput, @Ctx() context: SubgraphContext) {
      return resetPassword(context, services, input);
    }

    @Authorized()
    @Directive('@cost(weight: 50)')
    @Mutation(() => ChangePasswordPayload, {
      description: "Changes the signed-in user's password; every other session ends. Answers with a fresh access token for this session.",
    })
    changePassword(@Arg('input', { description: 'The current and the new password.' }) input: ChangePasswordInput, @Ctx() context: SubgraphContext) {
      return changePassword(context, services, input);
    }
  }
  return PasswordResolver;
}
