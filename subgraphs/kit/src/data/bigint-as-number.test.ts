import { GraphQLSafeInt } from 'graphql-scalars';
import { validate } from 'class-validator';
import { MAX_MONEY_INPUT_AMOUNT, Money, MoneyInput } from '../graphql/money.type';
import { bigintAsNumber, safeIntegerFrom } from './bigint-as-number';

describe('bigint as number', () => {
  it('reads what pg returns for bigint and sums exactly', () => {
    expect(bigintAsNumber.from('6000000000')).toBe(6_000_000_000);
    expect(bigintAsNumber.from(null)).toBeNull();
    expect(safeIntegerFrom('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(safeIntegerFrom('-42')).toBe(-42);
    expect(safeIntegerFrom(12n)).toBe(12);
  });

  it('refuses a value it cannot hold exactly rather than rounding it', () => {
    expect(() => safeIntegerFrom('9007199254740992', 'revenue')).toThrow(/revenue 9007199254740992 is beyond 9007199254740991/);
    expect(() => bigintAsNumber.from('-9007199254740993')).toThrow(RangeError);
    expect(() => safeIntegerFrom('12.5')).toThrow(/not a whole number/);
    expect(() => safeIntegerFrom('1e21')).toThrow(/not a whole number/);
  });

  it('writes numbers as they are', () => {
    expect(bigintAsNumber.to(6_000_000_000)).toBe(6_000_000_000);
  });
});

describe('Money', () => {
  it('serialises amounts above 2^31 as SafeInt, exactly', () => {
    expect(GraphQLSafeInt.serialize(Money.of(6_000_000_000, 'USD').amount)).toBe(6_000_000_000);
    expect(() => GraphQLSafeInt.serialize(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });

  it('bounds an input amount at MAX_MONEY_INPUT_AMOUNT minor units', async () => {
    const input = (amount: number) => Object.assign(new MoneyInput(), { amount, currencyCode: 'USD' });
    expect(await validate(input(MAX_MONEY_INPUT_AMOUNT))).toEqual([]);
    const [tooLarge] = await validate(input(MAX_MONEY_INPUT_AMOUNT + 1));
    expect(tooLarge.constraints).toEqual({ max: 'amount must be at most 10000000000 minor units' });
    expect(await validate(input(-1))).toHaveLength(1);
  });
});
