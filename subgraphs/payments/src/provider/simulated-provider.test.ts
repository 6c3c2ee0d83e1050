import { Money } from '@ultramarket/kit';
import { randomUUID } from 'node:crypto';
import { FAILURE_CARDS, REFUND_FAILS_CARD, SimulatedProvider } from './simulated-provider';

const provider = new SimulatedProvider();
const charge = (method: { cardNumber?: string; token?: string }, idempotencyKey = `payment-${randomUUID()}`) =>
  provider.charge({ paymentId: 'p1', orderId: 'o1', amount: Money.of(1000, 'USD'), method, idempotencyKey });

describe('the simulated provider', () => {
  it('behaves like Stripe’s test cards', async () => {
    expect(await charge({ cardNumber: '4242424242424242' })).toMatchObject({ status: 'succeeded' });
    expect(await charge({ cardNumber: '4000000000000002' })).toMatchObject({ status: 'failed', errorCode: 'card_declined' });
    expect(await charge({ cardNumber: '4000000000009995' })).toMatchObject({ status: 'failed', errorCode: 'insufficient_funds' });
    expect(await charge({ cardNumber: '4000056655665556' })).toMatchObject({ status: 'succeeded' });
  });

  it('knows Stripe’s test tokens and refuses any other as input', async () => {
    expect(await charge({ token: 'tok_visa' })).toMatchObject({ status: 'succeeded' });
    expect(await charge({ token: 'tok_chargeDeclined' })).toMatchObject({ status: 'failed', errorCode: 'card_declined' });
    expect(provider.checkMethod({ token: 'tok_visa' })).toEqual([]);
    expect(provider.checkMethod({ token: 'tok_madeUp' })).toEqual([{ field: ['input', 'paymentMethod', 'token'], message: expect.stringMatching(/tok_visa/) }]);
  });

  it('answers a retried call with the same reference', async () => {
    const first = await charge({ cardNumber: '4242424242424242' }, 'payment-7');
    expect(await charge({ cardNumber: '4242424242424242' }, 'payment-7')).toEqual(first);
    expect(await charge({ cardNumber: '4242424242424242' }, 'payment-8')).not.toEqual(first);
  });

  it('takes the money of a timed-out call without saying so, and tells it when looked up or asked again with the same key', async () => {
    const key = `payment-${randomUUID()}`;
    expect(await provider.lookup({ paymentId: 'p1', providerReference: null, idempotencyKey: key, amount: Money.of(1000, 'USD') })).toBeNull();
    expect(await charge({ cardNumber: FAILURE_CARDS.timeout }, key)).toMatchObject({ status: 'pending', providerReference: null });
    const charged = await provider.lookup({ paymentId: 'p1', providerReference: null, idempotencyKey: key, amount: Money.of(1000, 'USD') });
    expect(charged).toMatchObject({ status: 'succeeded', providerReference: expect.stringMatching(/^sim_pi_/) });
    expect(await charge({ cardNumber: FAILURE_CARDS.timeout }, key)).toEqual(charged);
  });

  it('refuses the first call of a rate-limited charge unprocessed, and charges on the retry with the same key', async () => {
    const key = `payment-${randomUUID()}`;
    expect(await charge({ cardNumber: FAILURE_CARDS.rateLimited }, key)).toMatchObject({ status: 'pending', message: expect.stringMatching(/429/) });
    expect(await provider.lookup({ paymentId: 'p1', providerReference: null, idempotencyKey: key, amount: Money.of(1000, 'USD') })).toBeNull();
    expect(await charge({ cardNumber: FAILURE_CARDS.rateLimited }, key)).toMatchObject({ status: 'succeeded' });
  });

  it('answers "processing" and reports the success later by webhook', async () => {
    const delayed = new SimulatedProvider({ webhookDelayMs: 60_000 });
    const reports: [string, unknown][] = [];
    delayed.deliverWebhooksTo(async (paymentId, outcome) => reports.push([paymentId, outcome]));
    const outcome = await delayed.charge({
      paymentId: 'p9',
      orderId: 'o9',
      amount: Money.of(1000, 'USD'),
      method: { cardNumber: FAILURE_CARDS.delayedWebhook },
      idempotencyKey: 'payment-p9',
    });
    expect(outcome).toMatchObject({ status: 'pending', providerReference: expect.stringMatching(/^sim_pi_/) });
    expect(reports).toEqual([]);
    await delayed.deliverDelayedWebhooks();
    expect(reports).toEqual([['p9', { status: 'succeeded', providerReference: (outcome as { providerReference: string }).providerReference }]]);
    await delayed.deliverDelayedWebhooks();
    expect(reports).toHaveLength(1);
    delayed.stop();
  });

  it('charges Stripe’s refund-fails card and fails every refund of it, until the failure is lifted', async () => {
    const charged = (await charge({ cardNumber: REFUND_FAILS_CARD }, `payment-${randomUUID()}`)) as { status: string; providerReference: string };
    expect(charged.status).toBe('succeeded');
    const refund = () =>
      provider.refund({
        paymentId: 'p1',
        orderId: 'o1',
        providerReference: charged.providerReference,
        amount: Money.of(100, 'USD'),
        reason: 'r',
        idempotencyKey: 'refund-r1',
      });
    await expect(refund()).rejects.toMatchObject({ name: 'RefundRefusedError', errorCode: 'refund_failed' });
    await expect(refund()).rejects.toMatchObject({ name: 'RefundRefusedError' });
    provider.liftRefundFailure(charged.providerReference);
    await expect(refund()).resolves.toEqual({ providerReference: expect.stringMatching(/^sim_re_/) });
  });
});
