import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsOptional, IsUUID, Length, MaxLength, Min } from 'class-validator';

@InputType({ description: 'An image about to be uploaded for a product.' })
export class CreateMediaUploadInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product the image belongs to.' })
  productId: string;

  @Length(1, 255)
  @Field({ description: "The file's name on the merchant's machine (1–255 characters); for their reference only, it never names the stored object." })
  filename: string;

  @Length(1, 100)
  @Field({ description: 'The declared type: image/png, image/jpeg, image/gif or image/webp. The bytes are checked again when the upload completes.' })
  contentType: string;

  @IsInt()
  @Min(1)
  @Field(() => Int, { description: 'The exact size of the file in bytes, at most CATALOG_MEDIA_MAX_BYTES (10 MiB by default).' })
  byteSize: number;
}

@InputType({ description: 'An uploaded image to check and show.' })
export class CompleteMediaUploadInput {
  @IsUUID()
  @Field(() => ID, { description: 'The media id createMediaUpload answered.' })
  mediaId: string;

  @IsOptional()
  @MaxLength(512)
  @Field({ nullable: true, description: 'Alternative text, up to 512 characters.' })
  alt?: string;
}

@InputType({ description: 'New alternative text for an image.' })
export class UpdateProductMediaInput {
  @IsUUID()
  @Field(() => ID, { description: 'The image to change.' })
  id: string;

  @MaxLength(512)
  @Field({ description: 'Alternative text, up to 512 characters.' })
  alt: string;
}

@InputType({ description: "A product's images in their new order." })
export class ReorderProductMediaInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Field(() => [ID], { description: "Every one of the product's images, each once, first shown first." })
  mediaIds: string[];
}

@InputType({ description: 'The image to remove.' })
export class DeleteProductMediaInput {
  @IsUUID()
  @Field(() => ID, { description: 'The image to remove; its stored file is deleted too.' })
  id: string;
}
