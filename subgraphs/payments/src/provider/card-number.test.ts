import { passesLuhn, paymentMethodSummary } from './card-number';

describe('card numbers', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '378282246310005', '4000056655665556'])(
    'accepts the test card %s',
    (number) => {
      expect(passesLuhn(number)).toBe(true);
    },
  );

  it.each(['4242424242424241', '1234567812345678', '4242-4242-4242-4242', ''])('refuses %p', (number) => {
    expect(passesLuhn(number)).toBe(false);
  });

  it('keeps only the last four digits of a card', () => {
    expect(paymentMethodSummary({ cardNumber: '4242424242424242' })).toBe('card:4242');
    expect(paymentMethodSummary({ token: 'tok_visa' })).toBe('token:tok_visa');
  });
});
