import { Money } from '@ultramarket/kit';
import { SimulatedProvider } from './simulated-provider';

const provider = new SimulatedProvider();
const charge = (method: { cardNumber?: string; token?: string }, idempotencyKey = 'payment-1') =>
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
});
