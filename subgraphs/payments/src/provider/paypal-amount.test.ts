import { Money } from '@ultramarket/kit';
import { minorUnitsOf, samePayPalAmount, toPayPalMoney } from './paypal-amount';

describe('PayPal amounts', () => {
  it('writes our minor units as PayPal’s decimal strings, by the currency’s digits', () => {
    expect(toPayPalMoney(Money.of(4999, 'USD'))).toEqual({ currencyCode: 'USD', value: '49.99' });
    expect(toPayPalMoney(Money.of(5, 'EUR'))).toEqual({ currencyCode: 'EUR', value: '0.05' });
    expect(toPayPalMoney(Money.of(0, 'USD'))).toEqual({ currencyCode: 'USD', value: '0.00' });
    expect(toPayPalMoney(Money.of(1234, 'JPY'))).toEqual({ currencyCode: 'JPY', value: '1234' });
  });

  it('reads PayPal’s decimal strings exactly, and refuses what cannot be an amount of ours', () => {
    expect(minorUnitsOf({ currencyCode: 'USD', value: '49.99' })).toBe(4999);
    expect(minorUnitsOf({ currencyCode: 'USD', value: '49.9' })).toBe(4990);
    expect(minorUnitsOf({ currencyCode: 'USD', value: '49' })).toBe(4900);
    expect(minorUnitsOf({ currencyCode: 'USD', value: '0.10' })).toBe(10);
    expect(minorUnitsOf({ currencyCode: 'USD', value: '49.990' })).toBe(4999);
    expect(minorUnitsOf({ currencyCode: 'JPY', value: '1234' })).toBe(1234);
    for (const value of ['49.999', '-1.00', '1e3', '', ' 1.00', '1.', '99999999999999999.00']) {
      expect(minorUnitsOf({ currencyCode: 'USD', value })).toBeNull();
    }
    expect(minorUnitsOf({ currencyCode: 'JPY', value: '12.5' })).toBeNull();
  });

  it('calls an amount the same only with the same currency and minor units', () => {
    expect(samePayPalAmount(Money.of(4999, 'USD'), { currencyCode: 'USD', value: '49.99' })).toBe(true);
    expect(samePayPalAmount(Money.of(4999, 'USD'), { currencyCode: 'EUR', value: '49.99' })).toBe(false);
    expect(samePayPalAmount(Money.of(4999, 'USD'), { currencyCode: 'USD', value: '49.98' })).toBe(false);
    expect(samePayPalAmount(Money.of(4999, 'USD'), undefined)).toBe(false);
  });
});
