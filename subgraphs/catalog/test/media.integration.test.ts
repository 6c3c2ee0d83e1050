import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { grantToAppRole } from '../../kit/src/data/app-role';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { CreateProductMedia1763769624000 } from '../src/migrations/1763769624000-create-product-media';
import { VariantMediaLink1763769627100 } from '../src/migrations/1763769627100-variant-media-link';
import { signUploadToken } from '../src/media/storage/upload-token';
import { MediaServices } from '../src/media/media-services';
import { loadMediaConfig } from '../src/media/media.config';
import { sweepAbandonedUploads } from '../src/media/abandoned-uploads.job';
import { HTML_PAGE, jpegImage, pngImage, SVG_IMAGE } from './support/images';
import {
  catalogObjectUrl,
  catalogUploadUrl,
  COMPLETE_MEDIA_UPLOAD,
  CREATE_MEDIA_UPLOAD,
  DELETE_PRODUCT_MEDIA,
  headersOf,
  PRODUCT_MEDIA,
  putUpload,
  REORDER_PRODUCT_MEDIA,
  UPDATE_PRODUCT_MEDIA,
  type UploadTicket,
} from './support/media-client';

const CREATE_PRODUCT = gql`
  mutation ($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
      }
    }
  }
`;

interface Media {
  id: string;
  alt: string;
  url: string;
  contentType: string | null;
  width: number | null;
  height: number | null;
  position: number;
}

const MAX_BYTES = 4096;
const SECRET = randomBytes(32);
const PUBLIC_URL = 'http://media.example.test/media';

describe('catalog: product media through the local storage adapter', () => {
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'catalog-media-'));
  const storeId = '0b4d3f0e-6a55-4d4b-9d0c-3f7e1d2a9c01';
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let catalog: TestSubgraph;
  let owner: DataSource;

  const createProduct = async (input: Record<string, unknown> = {}) => {
    const result = await catalog.client(merchant).rawRequest<{ createProduct: { product: { id: string } } }>(CREATE_PRODUCT, {
      input: { title: 'Tee', status: 'ACTIVE', price: { amount: 1500, currencyCode: 'EUR' }, ...input },
    });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct.product.id;
  };
  const createUpload = async (productId: string, contentType: string, byteSize: number, token = merchant) =>
    (
      await catalog.client(token).rawRequest<{ createMediaUpload: UploadTicket & { userErrors: { code: string; field: string[] }[] } }>(CREATE_MEDIA_UPLOAD, {
        input: { productId, filename: 'photo.png', contentType, byteSize },
      })
    ).data.createMediaUpload;
  const complete = async (mediaId: string, alt?: string, token = merchant) =>
    (
      await catalog
        .client(token)
        .rawRequest<{ completeMediaUpload: { media: Media | null; userErrors: { code: string }[] } }>(COMPLETE_MEDIA_UPLOAD, { input: { mediaId, alt } })
    ).data.completeMediaUpload;
  /** createMediaUpload, the HTTP PUT, completeMediaUpload: the whole flow. */
  const upload = async (productId: string, bytes: Buffer, alt = 'A photo', contentType = 'image/png') => {
    const ticket = await createUpload(productId, contentType, bytes.length);
    expect(ticket.userErrors).toEqual([]);
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), bytes)).toBe(201);
    return { ticket, completed: await complete(ticket.mediaId, alt) };
  };
  const mediaOf = async (productId: string) =>
    (await catalog.client(merchant).rawRequest<{ product: { media: Media[] } }>(PRODUCT_MEDIA, { id: productId })).data.product.media;
  const fileOf = (mediaId: string) => path.join(mediaDir, storeId, mediaId);
  const rowCount = async () => Number((await owner.query(`SELECT count(*) AS n FROM product_media WHERE store_id = $1`, [storeId]))[0].n);
  const mediaEvents = (productId: string): Promise<{ envelope: { aggregateId: string; data: { productId: string; media: unknown[] } } }[]> =>
    owner.query(`SELECT envelope FROM outbox_event WHERE subject LIKE '%catalog.product-media-changed' AND envelope->>'aggregateId' = $1 ORDER BY seq`, [
      productId,
    ]);

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph, {
      CATALOG_MEDIA_DIR: mediaDir,
      CATALOG_MEDIA_MAX_BYTES: String(MAX_BYTES),
      CATALOG_MEDIA_SIGNING_SECRET: SECRET.toString('base64'),
      CATALOG_MEDIA_PUBLIC_URL: PUBLIC_URL,
    });
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('uploads a PNG through a signed URL, checks it, reads its size and serves it back with safe headers', async () => {
    const productId = await createProduct();
    const png = pngImage(3, 2);
    const ticket = await createUpload(productId, 'image/png', png.length);
    expect(ticket.userErrors).toEqual([]);
    expect(ticket.uploadUrl.startsWith(`${PUBLIC_URL}/uploads/`)).toBe(true);
    expect(ticket.uploadHeaders).toEqual([{ name: 'content-type', value: 'image/png' }]);
    expect(new Date(ticket.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // not shown before it is completed
    expect(await mediaOf(productId)).toEqual([]);

    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), png)).toBe(201);
    expect(existsSync(fileOf(ticket.mediaId))).toBe(true);
    const completed = await complete(ticket.mediaId, 'Front view');
    const expected = {
      id: ticket.mediaId,
      alt: 'Front view',
      url: `${PUBLIC_URL}/${storeId}/${ticket.mediaId}`,
      contentType: 'image/png',
      width: 3,
      height: 2,
      position: 0,
    };
    expect(completed).toEqual({ media: expected, userErrors: [] });
    expect(await mediaOf(productId)).toEqual([expected]);

    const served = await fetch(catalogObjectUrl(catalog, `${storeId}/${ticket.mediaId}`));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(served.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const events = await mediaEvents(productId);
    expect(events).toHaveLength(1);
    expect(events[0].envelope.data).toEqual({ productId, media: [{ id: ticket.mediaId, url: expected.url, alt: 'Front view', position: 0 }] });
  });

  it('takes an upload URL once: a second PUT, or one after completion, is refused and the object stays', async () => {
    const productId = await createProduct();
    const png = pngImage(4, 4);
    const ticket = await createUpload(productId, 'image/png', png.length);
    const url = catalogUploadUrl(catalog, ticket.uploadUrl);
    expect(await putUpload(url, headersOf(ticket), png)).toBe(201);
    expect(await putUpload(url, headersOf(ticket), pngImage(2, 2))).toBe(409);
    expect((await complete(ticket.mediaId)).media).toMatchObject({ width: 4, height: 4 });
    expect(await putUpload(url, headersOf(ticket), pngImage(2, 2))).toBe(409);
    // completing again answers the same image
    expect((await complete(ticket.mediaId)).media).toMatchObject({ id: ticket.mediaId, width: 4 });
  });

  it('refuses an expired or forged upload URL, a wrong Content-Type and a body larger than declared, storing nothing', async () => {
    const productId = await createProduct();
    const png = pngImage(2, 2);
    const ticket = await createUpload(productId, 'image/png', png.length);
    const key = `${storeId}/${ticket.mediaId}`;
    const base = catalogUploadUrl(catalog, ticket.uploadUrl).split('?')[0];
    const expired = signUploadToken({ key, contentType: 'image/png', maxBytes: png.length, expiresAt: Date.now() - 1000 }, SECRET);
    expect(await putUpload(`${base}?token=${expired}`, { 'content-type': 'image/png' }, png)).toBe(410);
    const forged = signUploadToken({ key, contentType: 'image/png', maxBytes: png.length, expiresAt: Date.now() + 60_000 }, randomBytes(32));
    expect(await putUpload(`${base}?token=${forged}`, { 'content-type': 'image/png' }, png)).toBe(403);
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), { 'content-type': 'text/html' }, png)).toBe(415);
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), Buffer.concat([png, Buffer.alloc(10)]))).toBe(413);
    expect(existsSync(fileOf(ticket.mediaId))).toBe(false);
    expect(readdirSync(path.join(mediaDir, storeId)).filter((name) => name.startsWith(ticket.mediaId))).toEqual([]);
    expect((await complete(ticket.mediaId)).userErrors.map((error) => error.code)).toEqual(['UPLOAD_MISSING']);
    // the URL still works for the real upload
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), png)).toBe(201);
  });

  it.each([
    ['an SVG', SVG_IMAGE],
    ['an HTML page renamed .png', HTML_PAGE],
  ])('refuses %s declared as a PNG: the file and the media item are deleted, nothing is served', async (_name, bytes) => {
    const productId = await createProduct();
    const before = (await mediaEvents(productId)).length;
    const { ticket, completed } = await upload(productId, bytes);
    expect(completed).toEqual({ media: null, userErrors: [expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' })] });
    expect(existsSync(fileOf(ticket.mediaId))).toBe(false);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM product_media WHERE id = $1`, [ticket.mediaId]))[0].n)).toBe(0);
    expect(await mediaOf(productId)).toEqual([]);
    expect((await fetch(catalogObjectUrl(catalog, `${storeId}/${ticket.mediaId}`))).status).toBe(404);
    expect(await mediaEvents(productId)).toHaveLength(before);
    // and the URL cannot be used again for something else
    expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), pngImage(1, 1).subarray(0, bytes.length))).toBe(404);
  });

  it('refuses an SVG or HTML type and a declared size over the limit before anything is written', async () => {
    const productId = await createProduct();
    const rows = await rowCount();
    for (const contentType of ['image/svg+xml', 'text/html', 'application/octet-stream']) {
      expect((await createUpload(productId, contentType, 100)).userErrors).toEqual([
        { code: 'UNSUPPORTED_MEDIA_TYPE', field: ['input', 'contentType'], message: 'Only PNG, JPEG, GIF and WebP images are accepted' },
      ]);
    }
    expect((await createUpload(productId, 'image/png', MAX_BYTES + 1)).userErrors).toEqual([
      { code: 'MEDIA_TOO_LARGE', field: ['input', 'byteSize'], message: `An image may be at most ${MAX_BYTES} bytes` },
    ]);
    expect(await rowCount()).toBe(rows);
  });

  it('refuses and deletes a stored object larger than CATALOG_MEDIA_MAX_BYTES (one written around the upload route)', async () => {
    const productId = await createProduct();
    const ticket = await createUpload(productId, 'image/jpeg', 100);
    const oversized = Buffer.concat([jpegImage(10, 10), Buffer.alloc(MAX_BYTES)]);
    writeFileSync(fileOf(ticket.mediaId), oversized);
    expect((await complete(ticket.mediaId)).userErrors.map((error) => error.code)).toEqual(['MEDIA_TOO_LARGE']);
    expect(existsSync(fileOf(ticket.mediaId))).toBe(false);
  });

  it('keeps the checked type, not the declared one: a JPEG uploaded as image/png is served as image/jpeg', async () => {
    const productId = await createProduct();
    const { ticket, completed } = await upload(productId, jpegImage(640, 480));
    expect(completed.media).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 480 });
    expect((await fetch(catalogObjectUrl(catalog, `${storeId}/${ticket.mediaId}`))).headers.get('content-type')).toBe('image/jpeg');
  });

  it('reorders a product’s images, refusing a list that is not exactly its images', async () => {
    const productId = await createProduct();
    const ids: string[] = [];
    for (const width of [1, 2, 3]) ids.push((await upload(productId, pngImage(width, 1), `w${width}`)).ticket.mediaId);
    expect((await mediaOf(productId)).map((media) => [media.id, media.position])).toEqual(ids.map((id, position) => [id, position]));

    const reorder = (mediaIds: string[]) =>
      catalog
        .client(merchant)
        .rawRequest<{ reorderProductMedia: { media: { id: string; position: number }[] | null; userErrors: unknown[] } }>(REORDER_PRODUCT_MEDIA, {
          input: { productId, mediaIds },
        });
    for (const wrong of [ids.slice(0, 2), [...ids.slice(0, 2), (await upload(await createProduct(), pngImage(1, 1))).ticket.mediaId]]) {
      expect((await reorder(wrong)).data.reorderProductMedia).toEqual({
        media: null,
        userErrors: [{ code: 'INVALID_MEDIA_ORDER', field: ['input', 'mediaIds'] }],
      });
    }
    expect((await mediaOf(productId)).map((media) => media.id)).toEqual(ids);

    const reversed = [...ids].reverse();
    expect((await reorder(reversed)).data.reorderProductMedia).toEqual({ media: reversed.map((id, position) => ({ id, position })), userErrors: [] });
    expect((await mediaOf(productId)).map((media) => [media.id, media.position])).toEqual(reversed.map((id, position) => [id, position]));
    const last = (await mediaEvents(productId)).at(-1)!;
    expect((last.envelope.data.media as { id: string }[]).map((media) => media.id)).toEqual(reversed);
  });

  it('changes alt text and deletes an image together with its file', async () => {
    const productId = await createProduct();
    const { ticket } = await upload(productId, pngImage(5, 5));
    const updated = await catalog
      .client(merchant)
      .rawRequest<{ updateProductMedia: unknown }>(UPDATE_PRODUCT_MEDIA, { input: { id: ticket.mediaId, alt: 'Side view' } });
    expect(updated.data.updateProductMedia).toEqual({ media: { id: ticket.mediaId, alt: 'Side view' }, userErrors: [] });

    expect(existsSync(fileOf(ticket.mediaId))).toBe(true);
    const deleted = await catalog.client(merchant).rawRequest<{ deleteProductMedia: unknown }>(DELETE_PRODUCT_MEDIA, { input: { id: ticket.mediaId } });
    expect(deleted.data.deleteProductMedia).toEqual({ deletedMediaId: ticket.mediaId, userErrors: [] });
    expect(existsSync(fileOf(ticket.mediaId))).toBe(false);
    expect(await mediaOf(productId)).toEqual([]);
    expect((await fetch(catalogObjectUrl(catalog, `${storeId}/${ticket.mediaId}`))).status).toBe(404);
    expect((await mediaEvents(productId)).at(-1)!.envelope.data).toEqual({ productId, media: [] });
    const again = await catalog.client(merchant).rawRequest<{ deleteProductMedia: unknown }>(DELETE_PRODUCT_MEDIA, { input: { id: ticket.mediaId } });
    expect(again.data.deleteProductMedia).toEqual({ deletedMediaId: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
  });

  it('serves nothing for a key that is not a generated id', async () => {
    for (const key of ['../../etc/passwd', `${storeId}/../${storeId}`, `${storeId.toUpperCase()}/${storeId}`, '', `${storeId}/x`]) {
      expect((await fetch(catalogObjectUrl(catalog, key))).status).toBe(404);
    }
  });

  it('deletes uploads never completed once their URL has expired, with their stored bytes, and nothing else', async () => {
    const productId = await createProduct();
    const abandoned = await createUpload(productId, 'image/png', pngImage(2, 2).length);
    expect(await putUpload(catalogUploadUrl(catalog, abandoned.uploadUrl), headersOf(abandoned), pngImage(2, 2))).toBe(201);
    const fresh = await createUpload(productId, 'image/png', 10);
    const { ticket: shown } = await upload(productId, pngImage(3, 3));
    await owner.query(`UPDATE product_media SET created_at = now() - interval '2 hours' WHERE id = ANY($1)`, [[abandoned.mediaId, shown.mediaId]]);

    const media = new MediaServices();
    media.bind(
      loadMediaConfig({ ...process.env, CATALOG_MEDIA_DIR: mediaDir, CATALOG_MEDIA_SIGNING_SECRET: SECRET.toString('base64') }, { isProduction: false }),
    );
    expect(await sweepAbandonedUploads(catalog.runtime, media)).toBe(1);
    const left: { id: string }[] = await owner.query(`SELECT id FROM product_media WHERE product_id = $1 ORDER BY id`, [productId]);
    expect(left.map((row) => row.id).sort()).toEqual([fresh.mediaId, shown.mediaId].sort());
    expect(existsSync(fileOf(abandoned.mediaId))).toBe(false);
    expect(existsSync(fileOf(shown.mediaId))).toBe(true);
    expect(await sweepAbandonedUploads(catalog.runtime, media)).toBe(0);
  });

  it('carries a product’s imageUrl over as an external image when the migration runs', async () => {
    const productId = await createProduct({ title: 'Legacy', imageUrl: 'https://cdn.example.com/legacy.jpg' });
    // run the migration again over today's products, as an upgrade does
    const runner = owner.createQueryRunner();
    try {
      await runner.startTransaction();
      // the variants' link to media refers to the table, so it goes first and comes back last
      const link = new VariantMediaLink1763769627100();
      const migration = new CreateProductMedia1763769624000();
      await link.down(runner);
      await migration.down(runner);
      await migration.up(runner);
      await link.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    // the kit grants the application role every table after migrating at start; the table is new again here
    await grantToAppRole(owner, catalog.runtime.config.database);
    expect(await mediaOf(productId)).toEqual([
      { id: expect.any(String), alt: 'Legacy', url: 'https://cdn.example.com/legacy.jpg', contentType: null, width: null, height: null, position: 0 },
    ]);
  });
});
