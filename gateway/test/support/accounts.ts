import { type ClientError, GraphQLClient } from 'graphql-request';
import { getSdk } from '../../../schema/generated/sdk';
import type { MailCatcher } from '../../../scripts/lib/mail-catcher';
import { tokenInVerificationEmail } from '../../../scripts/lib/seed/verification';
import type { Stack } from '../../../scripts/lib/stack';
import { eventually } from '../../../subgraphs/kit/test/support/test-names';
import type { Sdk } from './storefront';

export const PASSWORD = 'Correct-horse-battery-9';

/** The gateway as a client calls it: as `token` (or anonymously), in `storeId` when given (X-Store-Id). */
export function gatewaySdk(stack: Stack, token?: string, storeId?: string): Sdk {
  return getSdk(
    new GraphQLClient(stack.gatewayUrl, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(storeId ? { 'x-store-id': storeId } : {}) } }),
  );
}

/** A person who signed up through accounts: every id here is one the API answered. */
export interface Person {
  userId: string;
  email: string;
  password: string;
}

/**
 * Registers through the gateway; with `mailbox` (the mail catcher notifications sends to, or a stack's
 * `inbox`), also verifies the email from the link in the verification email, as the person would.
 */
export async function signUp(
  stack: Stack,
  name: { firstName: string; lastName: string; email: string },
  mailbox?: Pick<MailCatcher, 'waitForEmail'>,
): Promise<Person> {
  const registeredAt = Date.now();
  const { register } = await gatewaySdk(stack).Register({ input: { ...name, password: PASSWORD } });
  if (!register.user) throw new Error(`register ${name.email}: ${JSON.stringify(register.userErrors)}`);
  if (mailbox) {
    const email = await mailbox.waitForEmail({ to: name.email, subject: /confirm your email/i, since: registeredAt });
    const { verifyEmail } = await gatewaySdk(stack).VerifyEmail({ input: { token: tokenInVerificationEmail(email.text) } });
    if (!verifyEmail.user?.isVerified) throw new Error(`verify ${name.email}: ${JSON.stringify(verifyEmail.userErrors)}`);
  }
  return { userId: register.user.id, email: name.email, password: PASSWORD };
}

/** Signs in through the gateway and returns the access token accounts issued. */
export async function signIn(stack: Stack, person: Person): Promise<string> {
  const { login } = await gatewaySdk(stack).Login({ input: { email: person.email, password: person.password } });
  if (!login.accessToken) throw new Error(`login ${person.email}: ${JSON.stringify(login.userErrors)}`);
  return login.accessToken;
}

const MY_STORES = 'query { me { stores { storeId role } } }';

/** Whether the gateway lets `token` in at all: accounts refuses a user's older tokens once their memberships change. */
async function refused(stack: Stack, token: string): Promise<boolean> {
  return gatewaySdk(stack, token)
    .Me()
    .then(
      () => false,
      (error: ClientError) => error.response?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED',
    );
}

/**
 * Creates a store as `person` (signed in as `token`) and signs in again once accounts has heard of
 * the membership (stores.staff-added): it refuses the tokens issued before, and the next sign-in
 * carries the store. A few sign-ins at most, a second apart: accounts throttles them.
 */
export async function openStore(stack: Stack, person: Person, token: string, name: string): Promise<{ storeId: string; merchantToken: string }> {
  const { createStore } = await gatewaySdk(stack, token).CreateStore({
    input: { name, email: person.email, currency: 'USD', locale: 'en-US', timezone: 'Europe/London' },
  });
  if (!createStore.store) throw new Error(`createStore: ${JSON.stringify(createStore.userErrors)}`);
  const storeId = createStore.store.id;
  await eventually(() => refused(stack, token), 15_000, `accounts to record ${person.email} as the merchant of ${name}`);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const merchantToken = await signIn(stack, person);
    const { me } = await new GraphQLClient(stack.gatewayUrl, { headers: { authorization: `Bearer ${merchantToken}` } }).request<{
      me: { stores: { storeId: string; role: string }[] | null };
    }>(MY_STORES);
    if (me.stores?.some((membership) => membership.storeId === storeId && membership.role === 'MERCHANT')) return { storeId, merchantToken };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`signed in three times, and the token never carried ${person.email}'s store ${storeId}`);
}
