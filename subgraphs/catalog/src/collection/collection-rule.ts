import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEnum, IsOptional, Length } from 'class-validator';
import { MAX_MONEY_INPUT_AMOUNT, UserError } from '@ultramarket/kit';

/** What an automated collection's rule looks at. */
export enum CollectionRuleField {
  TAG = 'TAG',
  PRODUCT_TYPE = 'PRODUCT_TYPE',
  VENDOR = 'VENDOR',
  VARIANT_PRICE = 'VARIANT_PRICE',
  OPTION_VALUE = 'OPTION_VALUE',
}

/** How a rule compares. NOT_EQUALS is always "not EQUALS": a product with no such tag/value/price at all. */
export enum CollectionRuleRelation {
  EQUALS = 'EQUALS',
  NOT_EQUALS = 'NOT_EQUALS',
  CONTAINS = 'CONTAINS',
  GREATER_THAN = 'GREATER_THAN',
  LESS_THAN = 'LESS_THAN',
}

export enum CollectionRuleMatch {
  ALL = 'ALL',
  ANY = 'ANY',
}

registerEnumType(CollectionRuleField, {
  name: 'CollectionRuleField',
  description: 'What an automated collection rule looks at.',
  valuesConfig: {
    TAG: { description: 'A tag of the product (compared lower-cased).' },
    PRODUCT_TYPE: { description: 'The product type (case-insensitive).' },
    VENDOR: { description: 'The vendor (case-insensitive).' },
    VARIANT_PRICE: { description: 'The price of a variant in minor units; any variant may match.' },
    OPTION_VALUE: { description: 'The value of the option named by optionName (e.g. Size = M) on any variant (case-insensitive).' },
  },
});
registerEnumType(CollectionRuleRelation, {
  name: 'CollectionRuleRelation',
  description:
    'How a rule compares: TAG, PRODUCT_TYPE, VENDOR and OPTION_VALUE take EQUALS, NOT_EQUALS, CONTAINS; VARIANT_PRICE takes EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN.',
});
registerEnumType(CollectionRuleMatch, {
  name: 'CollectionRuleMatch',
  description: 'Whether a product must meet ALL rules of an automated collection or ANY one of them.',
});

/** The relations each field takes. */
const RELATIONS: Record<CollectionRuleField, CollectionRuleRelation[]> = {
  [CollectionRuleField.TAG]: [CollectionRuleRelation.EQUALS, CollectionRuleRelation.NOT_EQUALS, CollectionRuleRelation.CONTAINS],
  [CollectionRuleField.PRODUCT_TYPE]: [CollectionRuleRelation.EQUALS, CollectionRuleRelation.NOT_EQUALS, CollectionRuleRelation.CONTAINS],
  [CollectionRuleField.VENDOR]: [CollectionRuleRelation.EQUALS, CollectionRuleRelation.NOT_EQUALS, CollectionRuleRelation.CONTAINS],
  [CollectionRuleField.OPTION_VALUE]: [CollectionRuleRelation.EQUALS, CollectionRuleRelation.NOT_EQUALS, CollectionRuleRelation.CONTAINS],
  [CollectionRuleField.VARIANT_PRICE]: [
    CollectionRuleRelation.EQUALS,
    CollectionRuleRelation.NOT_EQUALS,
    CollectionRuleRelation.GREATER_THAN,
    CollectionRuleRelation.LESS_THAN,
  ],
};

/** The most rules one automated collection may have. */
export const MAX_COLLECTION_RULES = 30;

/** One rule as stored (`collection.rules`, jsonb) and served. */
@ObjectType({ description: 'A condition of an automated collection.' })
export class CollectionRule {
  @Field(() => CollectionRuleField, { description: 'What it looks at.' })
  field: CollectionRuleField;

  @Field(() => CollectionRuleRelation, { description: 'How it compares.' })
  relation: CollectionRuleRelation;

  @Field({ description: 'The value compared with: text, or an amount in minor units for VARIANT_PRICE.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'For OPTION_VALUE, the option name (e.g. Size).' })
  optionName: string | null;
}

@InputType({ description: 'A condition of an automated collection.' })
export class CollectionRuleInput {
  @IsEnum(CollectionRuleField)
  @Field(() => CollectionRuleField, { description: 'What it looks at.' })
  field: CollectionRuleField;

  @IsEnum(CollectionRuleRelation)
  @Field(() => CollectionRuleRelation, { description: 'How it compares (see CollectionRuleRelation for which fields take which).' })
  relation: CollectionRuleRelation;

  @Length(1, 255)
  @Field({ description: 'The value compared with (1–255 characters); for VARIANT_PRICE a whole amount in minor units.' })
  value: string;

  @IsOptional()
  @Length(1, 255)
  @Field({ nullable: true, description: 'For OPTION_VALUE (and only for it), the option name, e.g. Size.' })
  optionName?: string;
}

/**
 * The rules as they are stored, or the userError for the first that makes no sense (a relation its
 * field does not take, a price that is not a whole amount, an option rule without its option name).
 * Text is compared case-insensitively, so it is kept trimmed and lower-cased.
 */
export function normalisedRules(rules: CollectionRuleInput[], field: string[]): CollectionRule[] | UserError {
  if (rules.length > MAX_COLLECTION_RULES) return invalid(`An automated collection has at most ${MAX_COLLECTION_RULES} rules`, field);
  const normalised: CollectionRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const at = [...field, String(index)];
    if (!RELATIONS[rule.field].includes(rule.relation)) return invalid(`${rule.field} rules do not take ${rule.relation}`, [...at, 'relation']);
    const optionName = rule.optionName?.trim().toLowerCase() || null;
    if ((rule.field === CollectionRuleField.OPTION_VALUE) !== (optionName !== null)) {
      return invalid('optionName is needed by OPTION_VALUE rules and only by them', [...at, 'optionName']);
    }
    let value = rule.value.trim().toLowerCase();
    if (rule.field === CollectionRuleField.VARIANT_PRICE) {
      if (!/^\d{1,11}$/.test(value) || Number(value) > MAX_MONEY_INPUT_AMOUNT) {
        return invalid(`A price is a whole amount in minor units from 0 to ${MAX_MONEY_INPUT_AMOUNT}`, [...at, 'value']);
      }
      value = String(Number(value));
    } else if (value === '') {
      return invalid('A rule needs a value', [...at, 'value']);
    }
    normalised.push(Object.assign(new CollectionRule(), { field: rule.field, relation: rule.relation, value, optionName }));
  }
  return normalised;
}

function invalid(message: string, field: string[]): UserError {
  return UserError.of('INVALID_COLLECTION_RULE', message, field);
}

/** Separates an option's name from its value in `product_rule_facts.option_values` ("size␟m"). */
export const OPTION_SEPARATOR = '\u001f';

/**
 * The rules as one SQL condition on `product_rule_facts f`, its values as parameters from `$first` on.
 * Evaluated for a whole store when a rule set is saved and for one product when it changes, so both
 * always agree.
 */
export function rulesSql(rules: CollectionRule[], match: CollectionRuleMatch, first: number): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown): string => {
    parameters.push(value);
    return `$${first + parameters.length - 1}`;
  };
  const conditions = rules.map((rule) => {
    const negated = rule.relation === CollectionRuleRelation.NOT_EQUALS;
    const relation = negated ? CollectionRuleRelation.EQUALS : rule.relation;
    const condition = ruleSql(rule.field, relation, rule.value, rule.optionName, param);
    return negated ? `NOT coalesce(${condition}, false)` : `coalesce(${condition}, false)`;
  });
  if (conditions.length === 0) return { sql: 'FALSE', parameters };
  return { sql: `(${conditions.join(match === CollectionRuleMatch.ALL ? ' AND ' : ' OR ')})`, parameters };
}

function ruleSql(
  field: CollectionRuleField,
  relation: CollectionRuleRelation,
  value: string,
  optionName: string | null,
  param: (value: unknown) => string,
): string {
  const contains = relation === CollectionRuleRelation.CONTAINS;
  switch (field) {
    case CollectionRuleField.TAG:
      return contains ? `EXISTS (SELECT 1 FROM unnest(f.tags) AS tag WHERE strpos(tag, ${param(value)}) > 0)` : `f.tags @> ARRAY[${param(value)}::text]`;
    case CollectionRuleField.PRODUCT_TYPE:
      return contains ? `strpos(f.product_type, ${param(value)}) > 0` : `f.product_type = ${param(value)}`;
    case CollectionRuleField.VENDOR:
      return contains ? `strpos(f.vendor, ${param(value)}) > 0` : `f.vendor = ${param(value)}`;
    case CollectionRuleField.OPTION_VALUE: {
      if (!contains) return `f.option_values @> ARRAY[${param(`${optionName}${OPTION_SEPARATOR}${value}`)}::text]`;
      const name = param(optionName);
      return `EXISTS (SELECT 1 FROM unnest(f.option_values) AS pair WHERE split_part(pair, E'\\x1f', 1) = ${name} AND strpos(split_part(pair, E'\\x1f', 2), ${param(value)}) > 0)`;
    }
    case CollectionRuleField.VARIANT_PRICE: {
      const comparison = relation === CollectionRuleRelation.GREATER_THAN ? '<' : relation === CollectionRuleRelation.LESS_THAN ? '>' : '=';
      // "any variant": amount <op> ANY(prices), written from the amount's side
      return `${param(Number(value))}::bigint ${comparison} ANY (f.variant_prices)`;
    }
  }
}
