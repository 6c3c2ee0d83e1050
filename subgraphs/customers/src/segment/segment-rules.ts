import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, Length, ValidateNested } from 'class-validator';

export enum SegmentMatch {
  ALL = 'ALL',
  ANY = 'ANY',
}

export enum SegmentConditionField {
  TOTAL_SPENT = 'TOTAL_SPENT',
  ORDERS_COUNT = 'ORDERS_COUNT',
  LAST_ORDER_AT = 'LAST_ORDER_AT',
  CREATED_AT = 'CREATED_AT',
  ACCEPTS_MARKETING = 'ACCEPTS_MARKETING',
  TAG = 'TAG',
  EMAIL = 'EMAIL',
  COUNTRY = 'COUNTRY',
}

export enum SegmentConditionOperator {
  EQUALS = 'EQUALS',
  NOT_EQUALS = 'NOT_EQUALS',
  GREATER_THAN = 'GREATER_THAN',
  GREATER_THAN_OR_EQUAL = 'GREATER_THAN_OR_EQUAL',
  LESS_THAN = 'LESS_THAN',
  LESS_THAN_OR_EQUAL = 'LESS_THAN_OR_EQUAL',
  CONTAINS = 'CONTAINS',
  NOT_CONTAINS = 'NOT_CONTAINS',
}

registerEnumType(SegmentMatch, {
  name: 'SegmentMatch',
  description: 'How the conditions of a segment combine.',
  valuesConfig: {
    ALL: { description: 'A customer matches when every condition holds (AND).' },
    ANY: { description: 'A customer matches when at least one condition holds (OR).' },
  },
});

registerEnumType(SegmentConditionField, {
  name: 'SegmentConditionField',
  description: 'What a segment condition looks at.',
  valuesConfig: {
    TOTAL_SPENT: { description: 'Total spent, in minor units (an integer). Operators: EQUALS, NOT_EQUALS and the comparisons.' },
    ORDERS_COUNT: { description: 'Number of orders (an integer). Operators: EQUALS, NOT_EQUALS and the comparisons.' },
    LAST_ORDER_AT: { description: 'When the last order was placed (ISO 8601 date or date-time). Operators: the comparisons.' },
    CREATED_AT: { description: 'When the customer was created (ISO 8601 date or date-time). Operators: the comparisons.' },
    ACCEPTS_MARKETING: { description: 'Marketing consent ("true" or "false"). Operators: EQUALS, NOT_EQUALS.' },
    TAG: { description: 'A tag (case-insensitive). Operators: CONTAINS (has the tag), NOT_CONTAINS (has not).' },
    EMAIL: { description: 'The email address (case-insensitive). Operators: EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS.' },
    COUNTRY: { description: 'ISO 3166-1 alpha-2 country of the default address, e.g. "US". Operators: EQUALS, NOT_EQUALS.' },
  },
});

registerEnumType(SegmentConditionOperator, {
  name: 'SegmentConditionOperator',
  description: 'How a segment condition compares the field with its value.',
  valuesConfig: {
    EQUALS: { description: 'The field equals the value.' },
    NOT_EQUALS: { description: 'The field differs from the value (a missing field differs from every value).' },
    GREATER_THAN: { description: 'The field is greater (later) than the value.' },
    GREATER_THAN_OR_EQUAL: { description: 'The field is greater (later) than or equal to the value.' },
    LESS_THAN: { description: 'The field is less (earlier) than the value.' },
    LESS_THAN_OR_EQUAL: { description: 'The field is less (earlier) than or equal to the value.' },
    CONTAINS: { description: 'The field contains the value (a tag among the tags, text within the email).' },
    NOT_CONTAINS: { description: 'The field does not contain the value.' },
  },
});

@ObjectType({ description: 'One condition of a segment, e.g. TOTAL_SPENT GREATER_THAN "1000".' })
export class SegmentCondition {
  @Field(() => SegmentConditionField, { description: 'What the condition looks at.' })
  field: SegmentConditionField;

  @Field(() => SegmentConditionOperator, { description: 'How it compares.' })
  operator: SegmentConditionOperator;

  @Field({ description: 'What it compares with, as text (normalised: integers, ISO 8601 UTC times, "true"/"false", upper-case countries).' })
  value: string;
}

@ObjectType({ description: 'The rules of a segment: conditions joined by AND (ALL) or OR (ANY).' })
export class SegmentRules {
  @Field(() => SegmentMatch, { description: 'ALL (every condition) or ANY (at least one).' })
  match: SegmentMatch;

  @Directive('@listSize(assumedSize: 20)')
  @Field(() => [SegmentCondition], { description: 'The conditions, 1–20.' })
  conditions: SegmentCondition[];
}

@InputType({ description: 'One condition of a segment.' })
export class SegmentConditionInput {
  @IsEnum(SegmentConditionField)
  @Field(() => SegmentConditionField, { description: 'What the condition looks at.' })
  field: SegmentConditionField;

  @IsEnum(SegmentConditionOperator)
  @Field(() => SegmentConditionOperator, { description: 'How it compares; must suit the field.' })
  operator: SegmentConditionOperator;

  @Length(1, 320)
  @Field({ description: "What it compares with, as text; must parse as the field's type." })
  value: string;
}

@InputType({ description: 'The rules of a segment.' })
export class SegmentRulesInput {
  @IsEnum(SegmentMatch)
  @Field(() => SegmentMatch, { description: 'ALL (every condition) or ANY (at least one).' })
  match: SegmentMatch;

  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Field(() => [SegmentConditionInput], { description: 'The conditions, 1–20.' })
  conditions: SegmentConditionInput[];
}
