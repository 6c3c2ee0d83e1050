import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Catalog's `SelectedOption`, which cart also resolves: a line shows the option values of its variant.
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
