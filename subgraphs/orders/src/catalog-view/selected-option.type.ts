import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * An option value a variant stands for. The same type as catalog's `SelectedOption` (orders keeps the
 * values a line was sold with); a value type both subgraphs resolve, hence shareable.
 */
@Directive('@shareable')
@ObjectType('SelectedOption', { description: 'One option value of a variant, e.g. Size: M.' })
export class SelectedOption {
  @Field({ description: 'The option’s name, e.g. "Size".' })
  name: string;

  @Field({ description: 'The value, e.g. "M".' })
  value: string;
}
