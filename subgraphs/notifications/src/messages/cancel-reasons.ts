/**
 * What a cancelled order's customer is told of the reason: a fixed sentence per orders' reason code
 * (see orders' `OrderCancelReason`). Never the free text that came with it: a shopper could write
 * anything there, and a guest order's address can be anybody's.
 */
const SENTENCES: Record<string, string> = {
  CUSTOMER_CHANGED_MIND: ' at your request.',
  ORDERED_BY_MISTAKE: ' at your request.',
  FOUND_BETTER_PRICE: ' at your request.',
  OUT_OF_STOCK: ' because some of its items are out of stock.',
  RESERVATION_EXPIRED: ' because it was not paid before the items held for it were released.',
};

/** The end of "Order #1001 was cancelled…", from the full stop on; OTHER, unknown and missing codes say no reason. */
export function cancellationSentence(reasonCode: string | null): string {
  return (reasonCode && SENTENCES[reasonCode]) || '.';
}
