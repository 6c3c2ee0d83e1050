import { registerEnumType } from 'type-graphql';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ProductStatus, {
  name: 'ProductStatus',
  description: 'Where a product is in its life: only ACTIVE products are shown to shoppers.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; visible to the store staff only.' },
    ACTIVE: { description: 'On sale.' },
    ARCHIVED: { description: 'No longer sold; kept for order history.' },
  },
});
