import { Arg, Authorized, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { ConfirmMfaInput, DisableMfaInput, SetupMfaInput } from './mfa.inputs';
import { ConfirmMfaPayload, DisableMfaPayload, SetupMfaPayload } from './mfa.payloads';
import { setupMfa } from './setup-mfa';
import { confirmMfa } from './confirm-mfa';
import { disableMfa } from './disable-mfa';

export function mfaResolver(services: AccountsServices) {
  @Resolver()
  class MfaResolver {
    // checks the current password (an argon2 hash): the gateway prices each call, aliases too, at this weight
    @Authorized()
    @Directive('@cost(weight: 50)')
    @Mutation(() => SetupMfaPayload, {
      description:
        'Starts two-factor authentication: a new TOTP secret as text, otpauth:// URI and QR code. It takes effect after confirmMfa. Needs the current password (INVALID_CREDENTIALS; a wrong one counts toward the lockout).',
    })
    setupMfa(@Arg('input', { description: 'The current password.' }) input: SetupMfaInput, @Ctx() context: SubgraphContext) {
      return setupMfa(context, services, input);
    }

    @Authorized()
    @Mutation(() => ConfirmMfaPayload, { description: 'Switches two-factor authentication on with a code for the secret from setupMfa.' })
    confirmMfa(@Arg('input', { description: 'A code from the app.' }) input: ConfirmMfaInput, @Ctx() context: SubgraphContext) {
      return confirmMfa(context, services, input);
    }

    @Authorized()
    @Directive('@cost(weight: 50)')
    @Mutation(() => DisableMfaPayload, {
      description:
        'Switches two-factor authentication off; needs the current password (INVALID_CREDENTIALS; a wrong one counts toward the lockout) and a current code.',
    })
    disableMfa(@Arg('input', { description: 'The current password and a code from the app.' }) input: DisableMfaInput, @Ctx() context: SubgraphContext) {
      return disableMfa(context, services, input);
    }
  }
  return MfaResolver;
}
