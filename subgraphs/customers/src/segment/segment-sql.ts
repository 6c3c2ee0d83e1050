import { UserError } from '@ultramarket/kit';
import { SegmentConditionField as F, SegmentConditionOperator as Op, SegmentMatch, type SegmentCondition } from './segment-rules';

/** Rules as stored and compiled: values already normalised by `checkRules`. */
export interface Rules {
  match: SegmentMatch;
  conditions: SegmentCondition[];
}

type Kind = 'integer' | 'amount' | 'timestamp' | 'boolean' | 'tag' | 'email' | 'country';

const COMPARISONS = [Op.GREATER_THAN, Op.GREATER_THAN_OR_EQUAL, Op.LESS_THAN, Op.LESS_THAN_OR_EQUAL];

/** The only columns a segment can reach, and the operators each accepts. User text only ever travels as a parameter. */
const FIELDS: Record<F, { kind: Kind; operators: Op[]; column: string }> = {
  [F.TOTAL_SPENT]: { kind: 'amount', operators: [Op.EQUALS, Op.NOT_EQUALS, ...COMPARISONS], column: 'c.total_spent_amount' },
  [F.ORDERS_COUNT]: { kind: 'integer', operators: [Op.EQUALS, Op.NOT_EQUALS, ...COMPARISONS], column: 'c.orders_count' },
  [F.LAST_ORDER_AT]: { kind: 'timestamp', operators: COMPARISONS, column: 'c.last_order_at' },
  [F.CREATED_AT]: { kind: 'timestamp', operators: COMPARISONS, column: 'c.created_at' },
  [F.ACCEPTS_MARKETING]: { kind: 'boolean', operators: [Op.EQUALS, Op.NOT_EQUALS], column: 'c.accepts_marketing' },
  [F.TAG]: { kind: 'tag', operators: [Op.CONTAINS, Op.NOT_CONTAINS], column: 'c.tags' },
  [F.EMAIL]: { kind: 'email', operators: [Op.EQUALS, Op.NOT_EQUALS, Op.CONTAINS, Op.NOT_CONTAINS], column: 'lower(c.email)' },
  [F.COUNTRY]: {
    kind: 'country',
    operators: [Op.EQUALS, Op.NOT_EQUALS],
    column: '(SELECT a.country_code FROM customer_address a WHERE a.customer_id = c.id AND a.store_id = c.store_id AND a.is_default)',
  },
};

const SQL_COMPARISON: Partial<Record<Op, string>> = {
  [Op.EQUALS]: '=',
  [Op.GREATER_THAN]: '>',
  [Op.GREATER_THAN_OR_EQUAL]: '>=',
  [Op.LESS_THAN]: '<',
  [Op.LESS_THAN_OR_EQUAL]: '<=',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const INT32_MAX = 2_147_483_647;

/** The value in its stored form, or why it does not fit the field. */
function normaliseValue(kind: Kind, raw: string): { value: string } | { error: string } {
  const text = raw.trim();
  switch (kind) {
    case 'integer': {
      if (!/^-?\d{1,10}$/.test(text) || Math.abs(Number(text)) > INT32_MAX) return { error: 'must be a whole number, e.g. "1000"' };
      return { value: String(Number(text)) };
    }
    case 'amount': {
      // money in minor units: a SafeInt, like Money.amount
      if (!/^-?\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) return { error: 'must be a whole number of minor units, e.g. "100000"' };
      return { value: String(Number(text)) };
    }
    case 'timestamp': {
      const time = Date.parse(text);
      if (!ISO_TIME.test(text) || Number.isNaN(time)) return { error: 'must be an ISO 8601 date or date-time, e.g. "2026-01-31" or "2026-01-31T12:00:00Z"' };
      return { value: new Date(time).toISOString() };
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') return { error: 'must be "true" or "false"' };
      return { value: text };
    case 'tag':
      if (text.length < 1 || text.length > 40) return { error: 'must be a tag of 1–40 characters' };
      return { value: text };
    case 'email':
      if (text.length < 1 || text.length > 320) return { error: 'must be 1–320 characters' };
      return { value: text.toLowerCase() };
    case 'country':
      if (!/^[A-Za-z]{2}$/.test(text)) return { error: 'must be an ISO 3166-1 alpha-2 country code, e.g. "US"' };
      return { value: text.toUpperCase() };
  }
}

/**
 * Checks that each operator suits its field and each value parses; returns the normalised rules
 * or userErrors pointing at `[...path, 'conditions', i, 'operator' | 'value']`.
 */
export function checkRules(rules: Rules, path: string[]): { rules: Rules; errors: UserError[] } {
  const errors: UserError[] = [];
  const conditions = rules.conditions.map((condition, index) => {
    const at = [...path, 'conditions', String(index)];
    const field = FIELDS[condition.field];
    if (!field.operators.includes(condition.operator)) {
      errors.push(
        UserError.of('INVALID_OPERATOR', `${condition.operator} does not apply to ${condition.field}; use one of ${field.operators.join(', ')}`, [
          ...at,
          'operator',
        ]),
      );
      return condition;
    }
    const parsed = normaliseValue(field.kind, condition.value);
    if ('error' in parsed) {
      errors.push(UserError.of('INVALID_VALUE', `The value of a ${condition.field} condition ${parsed.error}`, [...at, 'value']));
      return condition;
    }
    return { field: condition.field, operator: condition.operator, value: parsed.value };
  });
  return { rules: { match: rules.match, conditions }, errors };
}

/**
 * The rules as a boolean SQL expression over the customer row `c`; values are appended to `params`
 * and referenced as `$n`. Columns and operators come from the whitelist above only.
 */
export function compileRules(rules: Rules, params: unknown[]): string {
  const parameter = (value: unknown, cast: string) => {
    params.push(value);
    return `CAST($${params.length} AS ${cast})`;
  };
  const parts = rules.conditions.map((condition) => {
    const field = FIELDS[condition.field];
    if (!field.operators.includes(condition.operator)) throw new Error(`stored segment rule ${condition.field} ${condition.operator} is not allowed`);
    const { column } = field;
    switch (field.kind) {
      case 'integer':
      case 'amount':
      case 'timestamp':
      case 'boolean':
      case 'country': {
        const cast = { integer: 'integer', amount: 'bigint', timestamp: 'timestamptz', boolean: 'boolean', country: 'text' }[field.kind];
        const value = parameter(condition.value, cast);
        // a missing value (no order yet, no address) differs from every value
        return condition.operator === Op.NOT_EQUALS ? `(${column} IS DISTINCT FROM ${value})` : `(${column} ${SQL_COMPARISON[condition.operator]} ${value})`;
      }
      case 'tag': {
        const has = `EXISTS (SELECT 1 FROM unnest(c.tags) AS t(tag) WHERE lower(t.tag) = lower(${parameter(condition.value, 'text')}))`;
        return condition.operator === Op.CONTAINS ? has : `(NOT ${has})`;
      }
      case 'email': {
        const value = parameter(condition.value, 'text');
        if (condition.operator === Op.EQUALS) return `(${column} = lower(${value}))`;
        if (condition.operator === Op.NOT_EQUALS) return `(${column} <> lower(${value}))`;
        const position = `strpos(${column}, lower(${value}))`;
        return condition.operator === Op.CONTAINS ? `(${position} > 0)` : `(${position} = 0)`;
      }
    }
  });
  return `(${parts.join(rules.match === SegmentMatch.ALL ? ' AND ' : ' OR ')})`;
}
