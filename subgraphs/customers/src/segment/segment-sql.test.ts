import { checkRules, compileRules } from './segment-sql';
import { SegmentConditionField as F, SegmentConditionOperator as Op, SegmentMatch } from './segment-rules';

describe('segment rules', () => {
  it('normalises values and compiles ALL to AND with every value a parameter', () => {
    const { rules, errors } = checkRules(
      {
        match: SegmentMatch.ALL,
        conditions: [
          { field: F.TOTAL_SPENT, operator: Op.GREATER_THAN, value: ' 01000 ' },
          { field: F.LAST_ORDER_AT, operator: Op.LESS_THAN, value: '2026-01-31' },
          { field: F.COUNTRY, operator: Op.NOT_EQUALS, value: 'us' },
          { field: F.EMAIL, operator: Op.CONTAINS, value: "'; DROP TABLE customer; --" },
        ],
      },
      ['input', 'rules'],
    );
    expect(errors).toEqual([]);
    expect(rules.conditions.map((condition) => condition.value)).toEqual(['1000', '2026-01-31T00:00:00.000Z', 'US', "'; drop table customer; --"]);
    const params: unknown[] = ['store'];
    const sql = compileRules(rules, params);
    expect(params).toEqual(['store', '1000', '2026-01-31T00:00:00.000Z', 'US', "'; drop table customer; --"]);
    expect(sql).toBe(
      '((c.total_spent_amount > CAST($2 AS bigint)) AND (c.last_order_at < CAST($3 AS timestamptz)) AND ' +
        '((SELECT a.country_code FROM customer_address a WHERE a.customer_id = c.id AND a.store_id = c.store_id AND a.is_default) IS DISTINCT FROM CAST($4 AS text)) AND ' +
        '(strpos(lower(c.email), lower(CAST($5 AS text))) > 0))',
    );
  });

  it('compiles ANY to OR and tags to a case-insensitive membership test', () => {
    const sql = compileRules(
      {
        match: SegmentMatch.ANY,
        conditions: [
          { field: F.TAG, operator: Op.NOT_CONTAINS, value: 'vip' },
          { field: F.ACCEPTS_MARKETING, operator: Op.EQUALS, value: 'true' },
        ],
      },
      [],
    );
    expect(sql).toBe(
      '((NOT EXISTS (SELECT 1 FROM unnest(c.tags) AS t(tag) WHERE lower(t.tag) = lower(CAST($1 AS text)))) OR (c.accepts_marketing = CAST($2 AS boolean)))',
    );
  });

  it('takes a total spent above 2^31 minor units, up to a safe integer', () => {
    const rules = (value: string) => ({ match: SegmentMatch.ALL, conditions: [{ field: F.TOTAL_SPENT, operator: Op.GREATER_THAN_OR_EQUAL, value }] });
    expect(checkRules(rules('6000000000'), ['input', 'rules'])).toEqual({ rules: rules('6000000000'), errors: [] });
    const { errors } = checkRules(rules('9007199254740992'), ['input', 'rules']);
    expect(errors.map((error) => error.code)).toEqual(['INVALID_VALUE']);
  });

  it('refuses a stored rule whose operator does not suit its field', () => {
    expect(() => compileRules({ match: SegmentMatch.ALL, conditions: [{ field: F.TAG, operator: Op.LESS_THAN, value: 'x' }] }, [])).toThrow(/not allowed/);
  });

  it('reports each unfit operator and unparsable value at its path', () => {
    const { errors } = checkRules(
      {
        match: SegmentMatch.ANY,
        conditions: [
          { field: F.ORDERS_COUNT, operator: Op.GREATER_THAN, value: '99999999999' },
          { field: F.CREATED_AT, operator: Op.EQUALS, value: '2026-01-01' },
          { field: F.CREATED_AT, operator: Op.GREATER_THAN, value: '2026-13-45' },
          { field: F.TAG, operator: Op.CONTAINS, value: 'x'.repeat(41) },
        ],
      },
      ['input', 'rules'],
    );
    expect(errors.map((error) => [error.code, error.field!.join('.')])).toEqual([
      ['INVALID_VALUE', 'input.rules.conditions.0.value'],
      ['INVALID_OPERATOR', 'input.rules.conditions.1.operator'],
      ['INVALID_VALUE', 'input.rules.conditions.2.value'],
      ['INVALID_VALUE', 'input.rules.conditions.3.value'],
    ]);
  });
});
