import { UserError } from '@ultramarket/kit';

/** The userErrors of promotions and discount codes (docs/errors.md lists each code). */
export const PromotionErrors = {
  notFound: (field = ['input', 'id']) => UserError.of('PROMOTION_NOT_FOUND', 'No such promotion in this store', field),
  codeTaken: (code: string) => UserError.of('CODE_TAKEN', `Another promotion of this store has the code ${code}`, ['input', 'code']),
  codeNotFound: (code: string) => UserError.of('DISCOUNT_CODE_NOT_FOUND', `${code} is not a discount code of this store`, ['input', 'code']),
  codeExpired: (code: string) => UserError.of('DISCOUNT_CODE_EXPIRED', `${code} is not valid now (its dates)`, ['input', 'code']),
  codeUsedUp: (code: string) => UserError.of('DISCOUNT_CODE_USED_UP', `${code} has no uses left`, ['input', 'code']),
  codeNotApplied: (code: string) => UserError.of('DISCOUNT_CODE_NOT_FOUND', `This cart has no code ${code}`, ['input', 'code']),
  tooManyCodes: (maximum: number) => UserError.of('TOO_MANY_DISCOUNT_CODES', `A cart holds at most ${maximum} discount codes`, ['input', 'code']),
};
