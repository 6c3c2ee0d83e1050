import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { pngImage } from './support/images';
import {
  catalogUploadUrl,
  COMPLETE_MEDIA_UPLOAD,
  CREATE_MEDIA_UPLOAD,
  DELETE_PRODUCT_MEDIA,
  headersOf,
  putUpload,
  type UploadTicket,
} from './support/media-client';

const CREATE_PRODUCT = gql`
  mutation ($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
        variants {
          id
        }
      }
      userErrors {
        code
      }
    }
  }
`;
const SET_VARIANT_MEDIA = gql`
  mutation ($input: SetVariantMediaInput!) {
    setVariantMedia(input: $input) {
      product {
        id
        variants {
          id
          media {
            id
            url
          }
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const VARIANT_MEDIA = gql`
  query ($id: ID!) {
    productVariant(id: $id) {
      id
      media {
        id
        alt
      }
    }
  }
`;

interface Envelope {
  type: string;
  aggregateVersion: number;
  data: { variants: { variantId: string; mediaId: string | null }[] };
}
interface SetResult {
  product: { id: string; variants: { id: string; media: { id: string; url: string } | null }[] } | null;
  userErrors: { code: string; field: string[] }[];
}

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });

describe('catalog: the image a variant shows (setVariantMedia)', () => {
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'catalog-variant-media-'));
  const storeA = '5d1c6c3e-8f0a-4f63-9f1e-3a2b1c0d9e01';
  const storeB = '5d1c6c3e-8f0a-4f63-9f1e-3a2b1c0d9e02';
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;

  const createShirt = async (token = merchantA) => {
    const result = await catalog.client(token).rawRequest<{ createProduct: { product: { id: string; variants: { id: string }[] } } }>(CREATE_PRODUCT, {
      input: {
        title: 'Tee',
        status: 'ACTIVE',
        price: USD(1500),
        options: [
          { name: 'Colour', values: ['Red', 'Blue'] },
          { name: 'Size', values: ['S', 'M'] },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct.product;
  };
  const createUpload = async (productId: string, bytes: Buffer, token = merchantA) => {
    const ticket = (
      await catalog.client(token).rawRequest<{ createMediaUpload: UploadTicket & { userErrors: unknown[] } }>(CREATE_MEDIA_UPLOAD, {
        input: { productId, filename: 'tee.png', contentType: 'image/png', byteSize: bytes.length },
      })
    ).data.createMediaUpload;
    expect(ticket.userErrors).toEqual([]);
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), bytes)).toBe(201);
    return ticket.mediaId;
  };
  const uploadImage = async (productId: string, token = merchantA) => {
    const bytes = pngImage(4, 4);
    const mediaId = await createUpload(productId, bytes, token);
    const completed = await catalog.client(token).rawRequest<{ completeMediaUpload: { userErrors: unknown[] } }>(COMPLETE_MEDIA_UPLOAD, {
      input: { mediaId, alt: 'Red tee' },
    });
    expect(completed.data.completeMediaUpload.userErrors).toEqual([]);
    return mediaId;
  };
  const setVariantMedia = async (variantId: string, mediaId: string | null, token = merchantA) => {
    const result = await catalog.client(token).rawRequest<{ setVariantMedia: SetResult }>(SET_VARIANT_MEDIA, { input: { variantId, mediaId } });
    expect(result.errors).toBeUndefined();
    return result.data.setVariantMedia;
  };
  const productEvents = async (productId: string): Promise<Envelope[]> =>
    (
      await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' IN ('catalog.product-created', 'catalog.product-updated') AND envelope->>'aggregateId' = $1 ORDER BY seq`,
        [productId],
      )
    ).map((row: { envelope: Envelope }) => row.envelope);
  /** What a refusal must leave as it was: the variants' images, the product's version and its events. */
  const stateOf = async (productId: string) => ({
    variants: await owner.query(`SELECT id, media_id, version FROM product_variant WHERE product_id = $1 ORDER BY position`, [productId]),
    product: await owner.query(`SELECT version, updated_at FROM product WHERE id = $1`, [productId]),
    events: (await productEvents(productId)).length,
  });

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph, {
      CATALOG_MEDIA_DIR: mediaDir,
      CATALOG_MEDIA_SIGNING_SECRET: randomBytes(32).toString('base64'),
      CATALOG_MEDIA_PUBLIC_URL: 'http://media.example.test/media',
    });
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('points a variant at its product’s image, raises the version and publishes the whole product with the variant’s mediaId', async () => {
    const shirt = await createShirt();
    const mediaId = await uploadImage(shirt.id);
    const [redS, redM] = shirt.variants;
    const before = await productEvents(shirt.id);

    const set = await setVariantMedia(redM.id, mediaId);
    expect(set.userErrors).toEqual([]);
    expect(set.product!.variants.map((variant) => variant.media?.id ?? null)).toEqual([null, mediaId, null, null]);
    expect(set.product!.variants[1].media!.url).toBe(`http://media.example.test/media/${storeA}/${mediaId}`);
    const read = await catalog.client(merchantA).rawRequest<{ productVariant: unknown }>(VARIANT_MEDIA, { id: redM.id });
    expect(read.data.productVariant).toEqual({ id: redM.id, media: { id: mediaId, alt: 'Red tee' } });
    const noImage = await catalog.client(merchantA).rawRequest<{ productVariant: unknown }>(VARIANT_MEDIA, { id: redS.id });
    expect(noImage.data.productVariant).toEqual({ id: redS.id, media: null });

    const events = await productEvents(shirt.id);
    expect(events).toHaveLength(before.length + 1);
    const last = events.at(-1)!;
    expect(last.type).toBe('catalog.product-updated');
    expect(last.aggregateVersion).toBeGreaterThan(before.at(-1)!.aggregateVersion);
    expect(last.data.variants.map((variant) => [variant.variantId, variant.mediaId])).toEqual(
      shirt.variants.map((variant) => [variant.id, variant.id === redM.id ? mediaId : null]),
    );

    const cleared = await setVariantMedia(redM.id, null);
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.product!.variants.every((variant) => variant.media === null)).toBe(true);
    expect((await productEvents(shirt.id)).at(-1)!.data.variants.every((variant) => variant.mediaId === null)).toBe(true);
  });

  it('refuses an image of another product, one not yet uploaded, and unknown ids, writing nothing', async () => {
    const shirt = await createShirt();
    const other = await createShirt();
    const otherImage = await uploadImage(other.id);
    const pending = await createUpload(shirt.id, pngImage(2, 2));
    const variantId = shirt.variants[0].id;
    const before = await stateOf(shirt.id);

    expect(await setVariantMedia(variantId, otherImage)).toEqual({
      product: null,
      userErrors: [{ code: 'MEDIA_OF_ANOTHER_PRODUCT', field: ['input', 'mediaId'] }],
    });
    expect(await setVariantMedia(variantId, pending)).toEqual({ product: null, userErrors: [{ code: 'MEDIA_NOT_READY', field: ['input', 'mediaId'] }] });
    expect(await setVariantMedia(variantId, '00000000-0000-4000-8000-000000000000')).toEqual({
      product: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'mediaId'] }],
    });
    expect(await setVariantMedia('00000000-0000-4000-8000-000000000000', null)).toEqual({
      product: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'variantId'] }],
    });
    expect(await stateOf(shirt.id)).toEqual(before);
  });

  it('answers NOT_FOUND for another store’s variant or image, and changes nothing of theirs', async () => {
    const theirs = await createShirt(merchantB);
    const theirImage = await uploadImage(theirs.id, merchantB);
    expect((await setVariantMedia(theirs.variants[1].id, theirImage, merchantB)).userErrors).toEqual([]);
    const mine = await createShirt();
    const theirsBefore = await stateOf(theirs.id);
    const mineBefore = await stateOf(mine.id);

    expect(await setVariantMedia(theirs.variants[0].id, null)).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'variantId'] }] });
    expect(await setVariantMedia(theirs.variants[1].id, null)).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'variantId'] }] });
    expect(await setVariantMedia(mine.variants[0].id, theirImage)).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'mediaId'] }] });
    const seen = await catalog.client(merchantA).rawRequest<{ productVariant: unknown }>(VARIANT_MEDIA, { id: theirs.variants[1].id });
    expect(seen.data.productVariant).toBeNull();
    expect(await stateOf(theirs.id)).toEqual(theirsBefore);
    expect(await stateOf(mine.id)).toEqual(mineBefore);
  });

  it('leaves the variants that showed a deleted image without one, and publishes the product', async () => {
    const shirt = await createShirt();
    const mediaId = await uploadImage(shirt.id);
    await setVariantMedia(shirt.variants[0].id, mediaId);
    await setVariantMedia(shirt.variants[2].id, mediaId);
    const versionBefore = (await productEvents(shirt.id)).at(-1)!.aggregateVersion;

    const deleted = await catalog.client(merchantA).rawRequest<{ deleteProductMedia: unknown }>(DELETE_PRODUCT_MEDIA, { input: { id: mediaId } });
    expect(deleted.data.deleteProductMedia).toEqual({ deletedMediaId: mediaId, userErrors: [] });
    const rows: { media_id: string | null }[] = await owner.query(`SELECT media_id FROM product_variant WHERE product_id = $1`, [shirt.id]);
    expect(rows.every((row) => row.media_id === null)).toBe(true);
    const last = (await productEvents(shirt.id)).at(-1)!;
    expect(last.type).toBe('catalog.product-updated');
    expect(last.aggregateVersion).toBeGreaterThan(versionBefore);
    expect(last.data.variants.every((variant) => variant.mediaId === null)).toBe(true);
  });

  it('clears a variant’s image when its media row goes by any other way (the foreign key)', async () => {
    const shirt = await createShirt();
    const mediaId = await uploadImage(shirt.id);
    await setVariantMedia(shirt.variants[0].id, mediaId);
    await owner.query(`DELETE FROM product_media WHERE id = $1`, [mediaId]);
    const rows: { media_id: string | null }[] = await owner.query(`SELECT media_id FROM product_variant WHERE id = $1`, [shirt.variants[0].id]);
    expect(rows).toEqual([{ media_id: null }]);
  });
});
