import { connectionTypes } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';

export const ProductReviewConnection = connectionTypes(ProductReview, 'ProductReview');
