import { randomUUID } from 'node:crypto';
import { Money } from '@ultramarket/kit';
import { ProviderRefusal } from './payment-provider';
import { SimulatedProvider } from './simulated-provider';

const HOUR = 3_600_000;

/** A provider whose clock the test moves, with authorizations good for one hour. */
function providerWithClock() {
  let now = new Date('2026-12-01T12:00:00Z');
  const provider = new SimulatedProvider({ authorizationTtlMs: HOUR, now: () => now });
  return { provider, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

async function authorize(provider: SimulatedProvider, method: { cardNumber?: string; token?: string } = { cardNumber: '4242424242424242' }) {
  const outcome = await provider.authorize({
    paymentId: 'p1',
    orderId: 'o1',
    amount: Money.of(10_000, 'USD'),
    method,
    idempotencyKey: `payment-${randomUUID()}`,
  });
  if (outcome.status !== 'authorized') throw new Error(`not authorized: ${outcome.status}`);
  return outcome;
}

const capture = (provider: SimulatedProvider, providerReference: string, amount: number, final = false, idempotencyKey: string = randomUUID()) =>
  provider.capture({ paymentId: 'p1', orderId: 'o1', providerReference, amount: Money.of(amount, 'USD'), final, idempotencyKey });

const refusalCode = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderRefusal);
  return (error as ProviderRefusal).code;
};

describe('the simulated provider: authorize, then capture (as Stripe manual capture with multicapture)', () => {
  it('holds the amount until the configured expiry, and declines Stripe’s decline test cards as a charge does', async () => {
    const { provider } = providerWithClock();
    const outcome = await authorize(provider);
    expect(outcome.expiresAt).toEqual(new Date('2026-12-01T13:00:00Z'));
    expect(
      await provider.lookupAuthorization({
        paymentId: 'p1',
        providerReference: outcome.providerReference,
        idempotencyKey: 'x',
        amount: { amount: 10_000, currencyCode: 'USD' },
      }),
    ).toEqual({
      status: 'open',
      capturableAmount: 10_000,
      capturedAmount: 0,
      expiresAt: outcome.expiresAt,
    });
    const declined = await provider.authorize({
      paymentId: 'p2',
      orderId: 'o2',
      amount: Money.of(10_000, 'USD'),
      method: { cardNumber: '4000000000000002' },
      idempotencyKey: `payment-${randomUUID()}`,
    });
    expect(declined).toMatchObject({ status: 'failed', errorCode: 'card_declined' });
    const noFunds = await provider.authorize({
      paymentId: 'p3',
      orderId: 'o3',
      amount: Money.of(10_000, 'USD'),
      method: { token: 'tok_chargeDeclinedInsufficientFunds' },
      idempotencyKey: `payment-${randomUUID()}`,
    });
    expect(noFunds).toMatchObject({ status: 'failed', errorCode: 'insufficient_funds' });
  });

  it('captures in parts until the final capture closes it, never more than is held, and replays a retried capture', async () => {
    const { provider } = providerWithClock();
    const { providerReference } = await authorize(provider);
    const first = await capture(provider, providerReference, 4_000, false, 'ship-1');
    expect(first.closed).toBe(false);
    expect(await capture(provider, providerReference, 4_000, false, 'ship-1')).toEqual(first);
    expect(await refusalCode(capture(provider, providerReference, 6_001))).toBe('amount_too_large');
    const last = await capture(provider, providerReference, 5_000, true);
    expect(last.closed).toBe(true);
    expect(
      await provider.lookupAuthorization({ paymentId: 'p1', providerReference, idempotencyKey: 'x', amount: { amount: 10_000, currencyCode: 'USD' } }),
    ).toMatchObject({
      status: 'captured',
      capturableAmount: 0,
      capturedAmount: 9_000,
    });
    expect(await refusalCode(capture(provider, providerReference, 1_000))).toBe('payment_intent_unexpected_state');
    expect(await refusalCode(provider.void({ paymentId: 'p1', orderId: 'o1', providerReference, idempotencyKey: 'void' }))).toBe(
      'payment_intent_unexpected_state',
    );
  });

  it('closes itself when everything is captured', async () => {
    const { provider } = providerWithClock();
    const { providerReference } = await authorize(provider);
    expect((await capture(provider, providerReference, 10_000)).closed).toBe(true);
  });

  it('voids an open authorization once (a repeated void succeeds) and then captures nothing', async () => {
    const { provider } = providerWithClock();
    const { providerReference } = await authorize(provider);
    await provider.void({ paymentId: 'p1', orderId: 'o1', providerReference, idempotencyKey: 'void' });
    await provider.void({ paymentId: 'p1', orderId: 'o1', providerReference, idempotencyKey: 'void' });
    expect(await refusalCode(capture(provider, providerReference, 1))).toBe('payment_intent_unexpected_state');
    expect(
      await provider.lookupAuthorization({ paymentId: 'p1', providerReference, idempotencyKey: 'x', amount: { amount: 10_000, currencyCode: 'USD' } }),
    ).toMatchObject({ status: 'voided' });
  });

  it('refuses to capture an expired authorization, which can still be voided', async () => {
    const { provider, advance } = providerWithClock();
    const { providerReference } = await authorize(provider);
    advance(HOUR);
    expect(
      await provider.lookupAuthorization({ paymentId: 'p1', providerReference, idempotencyKey: 'x', amount: { amount: 10_000, currencyCode: 'USD' } }),
    ).toMatchObject({
      status: 'expired',
      capturableAmount: 0,
    });
    expect(await refusalCode(capture(provider, providerReference, 100))).toBe('charge_expired_for_capture');
    await provider.void({ paymentId: 'p1', orderId: 'o1', providerReference, idempotencyKey: 'void' });
  });

  it('knows no authorization it never made', async () => {
    const { provider } = providerWithClock();
    expect(
      await provider.lookupAuthorization({
        paymentId: 'p1',
        providerReference: 'sim_pi_unknown',
        idempotencyKey: 'x',
        amount: { amount: 10_000, currencyCode: 'USD' },
      }),
    ).toBeNull();
    expect(await refusalCode(capture(provider, 'sim_pi_unknown', 100))).toBe('resource_missing');
  });
});
