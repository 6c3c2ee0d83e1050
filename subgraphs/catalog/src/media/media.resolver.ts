import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { Product } from '../product/product.entity';
import { ProductMedia } from './product-media.entity';
import { CompleteMediaUploadInput, CreateMediaUploadInput, DeleteProductMediaInput, ReorderProductMediaInput, UpdateProductMediaInput } from './media.inputs';
import {
  CompleteMediaUploadPayload,
  CreateMediaUploadPayload,
  DeleteProductMediaPayload,
  ReorderProductMediaPayload,
  UpdateProductMediaPayload,
} from './media.payloads';
import { loadProductMedia, loadShownMedia } from './media-queries';
import { ProductVariant } from '../variant/product-variant.entity';
import { mediaUrl } from './media.events';
import { createMediaUpload } from './create-media-upload';
import { completeMediaUpload } from './complete-media-upload';
import { updateProductMedia } from './update-product-media';
import { reorderProductMedia } from './reorder-product-media';
import { deleteProductMedia } from './delete-product-media';
import type { MediaServices } from './media-services';

/** Media resolvers need the storage bound at start; type-graphql builds resolvers without arguments, so they close over it. */
export function mediaResolvers(media: MediaServices) {
  @Resolver(() => ProductMedia)
  class ProductMediaResolver {
    @FieldResolver(() => String, {
      description: 'Where the image is fetched from: the platform’s /media route, the bucket’s public address, or an external URL carried over from imageUrl.',
    })
    url(@Root() item: ProductMedia): string {
      return mediaUrl(item, media.storage);
    }

    @Authorized(Role.MERCHANT, Role.STORE_STAFF)
    @Mutation(() => CreateMediaUploadPayload, {
      description: "Prepares an image upload for a product of the caller's store: answers a signed, expiring, single-use URL to PUT the file to.",
    })
    createMediaUpload(@Arg('input', { description: 'The product and the file.' }) input: CreateMediaUploadInput, @Ctx() context: SubgraphContext) {
      return createMediaUpload(context, media, input);
    }

    @Authorized(Role.MERCHANT, Role.STORE_STAFF)
    @Mutation(() => CompleteMediaUploadPayload, {
      description:
        'Checks an uploaded file (PNG, JPEG, GIF or WebP by its bytes, within the size limit), reads its dimensions and shows it; a refused file is deleted. Publishes catalog.product-media-changed.',
    })
    completeMediaUpload(@Arg('input', { description: 'The uploaded media item.' }) input: CompleteMediaUploadInput, @Ctx() context: SubgraphContext) {
      return completeMediaUpload(context, media, input);
    }

    @Authorized(Role.MERCHANT, Role.STORE_STAFF)
    @Mutation(() => UpdateProductMediaPayload, { description: "Changes an image's alternative text. Publishes catalog.product-media-changed." })
    updateProductMedia(@Arg('input', { description: 'The image and its new text.' }) input: UpdateProductMediaInput, @Ctx() context: SubgraphContext) {
      return updateProductMedia(context, media, input);
    }

    @Authorized(Role.MERCHANT, Role.STORE_STAFF)
    @Mutation(() => ReorderProductMediaPayload, { description: "Puts a product's images in a new order. Publishes catalog.product-media-changed." })
    reorderProductMedia(
      @Arg('input', { description: 'The product and its images in order.' }) input: ReorderProductMediaInput,
      @Ctx() context: SubgraphContext,
    ) {
      return reorderProductMedia(context, media, input);
    }

    @Authorized(Role.MERCHANT, Role.STORE_STAFF)
    @Mutation(() => DeleteProductMediaPayload, { description: 'Removes an image and deletes its stored file. Publishes catalog.product-media-changed.' })
    deleteProductMedia(@Arg('input', { description: 'The image to remove.' }) input: DeleteProductMediaInput, @Ctx() context: SubgraphContext) {
      return deleteProductMedia(context, media, input);
    }
  }

  @Resolver(() => Product)
  class ProductMediaFieldResolver {
    @FieldResolver(() => [ProductMedia], { description: "The product's images in order (uploads not yet completed are left out)." })
    media(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<ProductMedia[]> {
      return loadProductMedia(context, product.id);
    }
  }

  @Resolver(() => ProductVariant)
  class VariantMediaFieldResolver {
    @FieldResolver(() => ProductMedia, { nullable: true, description: 'The product image shown for this variant (setVariantMedia); null when none is set.' })
    media(@Root() variant: ProductVariant, @Ctx() context: SubgraphContext): Promise<ProductMedia | null> {
      return variant.mediaId ? loadShownMedia(context, variant.mediaId) : Promise.resolve(null);
    }
  }

  return [ProductMediaResolver, ProductMediaFieldResolver, VariantMediaFieldResolver] as const;
}
