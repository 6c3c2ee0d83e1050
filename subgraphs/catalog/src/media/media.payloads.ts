import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';

@ObjectType({ description: 'A header the upload request must carry.' })
export class UploadHeader {
  @Field({ description: 'Header name.' })
  name: string;

  @Field({ description: 'Header value.' })
  value: string;
}

@ObjectType({ description: 'Result of createMediaUpload: where to PUT the bytes, once, before expiresAt.' })
export class CreateMediaUploadPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Signed, expiring, single-use URL: PUT exactly byteSize bytes to it with uploadHeaders, then call completeMediaUpload.',
  })
  uploadUrl: string | null;

  @Field(() => [UploadHeader], { description: 'Headers the PUT must carry (Content-Type, and for S3 If-None-Match).' })
  uploadHeaders: UploadHeader[];

  @Field(() => ID, { nullable: true, description: 'The media item waiting for the upload.' })
  mediaId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the upload URL stops working.' })
  expiresAt: Date | null;

  @Field(() => [UserError], { description: 'Why no upload was prepared; empty on success.' })
  userErrors: UserError[];

  static ok(mediaId: string, url: string, headers: Record<string, string>, expiresAt: Date): CreateMediaUploadPayload {
    const uploadHeaders = Object.entries(headers).map(([name, value]) => Object.assign(new UploadHeader(), { name, value }));
    return Object.assign(new CreateMediaUploadPayload(), { mediaId, uploadUrl: url, uploadHeaders, expiresAt, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): CreateMediaUploadPayload {
    return Object.assign(new CreateMediaUploadPayload(), { mediaId: null, uploadUrl: null, uploadHeaders: [], expiresAt: null, userErrors });
  }
}

/** Every mutation on one image answers with the image (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a mutation on one product image.' })
export class ProductMediaPayload {
  @Field(() => ProductMedia, { nullable: true, description: 'The image as it now is; null when nothing was changed.' })
  media: ProductMedia | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(media: ProductMedia): ProductMediaPayload {
    return Object.assign(new this(), { media, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): ProductMediaPayload {
    return Object.assign(new this(), { media: null, userErrors });
  }
}

@ObjectType({ description: 'Result of completeMediaUpload.' })
export class CompleteMediaUploadPayload extends ProductMediaPayload {}

@ObjectType({ description: 'Result of updateProductMedia.' })
export class UpdateProductMediaPayload extends ProductMediaPayload {}

@ObjectType({ description: 'Result of reorderProductMedia.' })
export class ReorderProductMediaPayload {
  @Field(() => [ProductMedia], { nullable: true, description: "The product's images in their new order; null when nothing was changed." })
  media: ProductMedia[] | null;

  @Field(() => [UserError], { description: 'Why the images were not reordered; empty on success.' })
  userErrors: UserError[];

  static ok(media: ProductMedia[]): ReorderProductMediaPayload {
    return Object.assign(new ReorderProductMediaPayload(), { media, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): ReorderProductMediaPayload {
    return Object.assign(new ReorderProductMediaPayload(), { media: null, userErrors });
  }
}

@ObjectType({ description: 'Result of deleteProductMedia.' })
export class DeleteProductMediaPayload {
  @Field(() => ID, { nullable: true, description: 'The removed image; null when nothing was removed.' })
  deletedMediaId: string | null;

  @Field(() => [UserError], { description: 'Why the image was not removed; empty on success.' })
  userErrors: UserError[];

  static ok(id: string): DeleteProductMediaPayload {
    return Object.assign(new DeleteProductMediaPayload(), { deletedMediaId: id, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteProductMediaPayload {
    return Object.assign(new DeleteProductMediaPayload(), { deletedMediaId: null, userErrors });
  }
}
