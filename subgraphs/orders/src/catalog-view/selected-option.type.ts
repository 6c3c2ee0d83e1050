import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Catalog's `SelectedOption`, which orders also resolves: a line keeps the option values it was sold with.
 * A value type both subgraphs resolve, so shareable (catalog's must say so too), with catalog's descriptions.
 */
@Directive('@shareable')
@ObjectType('SelectedOption', { description: 'The value a variant has for one of its product’s options.' })
export class SelectedOption {
  @Field({ description: 'Option name ("Size").' })
  name: string;

  @Field({ description: 'Value ("M").' })
  value: string;
}
