/** The Luhn (mod 10) check every card number passes; catches typos before a provider is asked. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const CARD_NUMBER = /^\d{12,19}$/;

/** What we keep of a payment method: never the card number, only enough to recognise a replay. */
export function paymentMethodSummary(method: { cardNumber?: string | null; token?: string | null; manual?: string | null }): string {
  if (method.manual) return `manual:${method.manual}`;
  if (method.cardNumber) return `card:${method.cardNumber.slice(-4)}`;
  return `token:${method.token ?? ''}`;
}
