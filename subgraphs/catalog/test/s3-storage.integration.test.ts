import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql } from 'graphql-request';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { S3Storage } from '../src/media/storage/s3-storage';
import { ObjectTooLargeError } from '../src/media/storage/media-storage';
import { HTML_PAGE, pngImage } from './support/images';
import { startS3StandIn, type S3StandIn } from './support/s3-stand-in';
import { COMPLETE_MEDIA_UPLOAD, CREATE_MEDIA_UPLOAD, DELETE_PRODUCT_MEDIA, headersOf, type UploadTicket } from './support/media-client';

const CREDENTIALS = {
  bucket: 'shop-media',
  region: 'eu-west-3',
  accessKeyId: 'AKIDSTANDIN000000001',
  secretAccessKey: 'stand-in/secret+key/0123456789abcdefghij',
};
const STORE = '5d0c9a3e-2f1b-4c6d-8e7f-0a1b2c3d4e5f';
const key = (id: string) => `${STORE}/${id}`;

describe('S3 media storage against a stand-in that checks Signature V4 itself', () => {
  let standIn: S3StandIn;
  let storage: S3Storage;
  const config = () => ({ ...CREDENTIALS, endpoint: standIn.endpoint, publicUrl: 'https://cdn.example.com/shop-media' });

  beforeAll(async () => {
    standIn = await startS3StandIn(CREDENTIALS);
    storage = new S3Storage(config());
  });
  afterAll(() => standIn.close());

  const put = (target: { url: string; headers: Record<string, string> }, body: Buffer, extra: Record<string, string> = {}) =>
    fetch(target.url, { method: 'PUT', headers: { ...target.headers, ...extra }, body }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });

  it('uploads through a presigned PUT once, reads the object back, deletes it', async () => {
    const png = pngImage(8, 8);
    const objectKey = key('1f2e3d4c-5b6a-4789-8abc-def012345678');
    const target = await storage.presignUpload(objectKey, { contentType: 'image/png', byteSize: png.length, expiresAt: new Date(Date.now() + 60_000) });
    expect(new URL(target.url).pathname).toBe(`/${CREDENTIALS.bucket}/${objectKey}`);
    expect(target.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*' });
    expect(await put(target, png)).toBe(200);
    expect(standIn.objects.get(objectKey)?.body.equals(png)).toBe(true);
    // If-None-Match: * is signed: the URL stores one object, once
    expect(await put(target, png)).toBe(412);

    expect((await storage.read(objectKey, 1024 * 1024))!.equals(png)).toBe(true);
    await expect(storage.read(objectKey, png.length - 1)).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(storage.publicUrl(objectKey)).toBe(`https://cdn.example.com/shop-media/${objectKey}`);
    await storage.delete(objectKey);
    expect(standIn.objects.has(objectKey)).toBe(false);
    expect(await storage.read(objectKey, 1024)).toBeNull();
    await storage.delete(objectKey);
  });

  it('is refused by the store when the upload breaks what was signed', async () => {
    const png = pngImage(2, 2);
    const objectKey = key('2f2e3d4c-5b6a-4789-8abc-def012345678');
    const target = await storage.presignUpload(objectKey, { contentType: 'image/png', byteSize: png.length, expiresAt: new Date(Date.now() + 60_000) });
    const refusedBefore = standIn.refusals.length;
    expect(await put(target, png, { 'content-type': 'text/html' })).toBe(403);
    expect(await put(target, Buffer.concat([png, Buffer.from('more')]))).toBe(403);
    const tampered = { ...target, url: target.url.replace(objectKey, key('3f2e3d4c-5b6a-4789-8abc-def012345678')) };
    expect(await put(tampered, png)).toBe(403);
    const expiredStorage = new S3Storage(config(), () => new Date(Date.now() - 120_000));
    const expired = await expiredStorage.presignUpload(objectKey, { contentType: 'image/png', byteSize: png.length, expiresAt: new Date(Date.now() - 60_000) });
    expect(await put(expired, png)).toBe(403);
    const wrongSecret = new S3Storage({ ...config(), secretAccessKey: 'not-the-secret' });
    expect(
      await put(await wrongSecret.presignUpload(objectKey, { contentType: 'image/png', byteSize: png.length, expiresAt: new Date(Date.now() + 60_000) }), png),
    ).toBe(403);
    await expect(wrongSecret.read(objectKey, 1024)).rejects.toThrow(/403/);
    expect(standIn.refusals.slice(refusedBefore)).toEqual([
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
      'AccessDenied: Request has expired',
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
    ]);
    expect(standIn.objects.has(objectKey)).toBe(false);
  });

  describe('catalog with CATALOG_MEDIA_STORAGE=s3', () => {
    let catalog: TestSubgraph;
    const merchant = tokenFor([Role.MERCHANT], STORE);
    const mediaDir = mkdtempSync(path.join(tmpdir(), 'catalog-s3-unused-'));

    beforeAll(async () => {
      catalog = await startTestSubgraph(catalogSubgraph, {
        CATALOG_MEDIA_STORAGE: 's3',
        CATALOG_MEDIA_S3_ENDPOINT: standIn.endpoint,
        CATALOG_MEDIA_S3_BUCKET: CREDENTIALS.bucket,
        CATALOG_MEDIA_S3_REGION: CREDENTIALS.region,
        CATALOG_MEDIA_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        CATALOG_MEDIA_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        CATALOG_MEDIA_S3_PUBLIC_URL: 'https://cdn.example.com/shop-media/',
        CATALOG_MEDIA_DIR: mediaDir,
      });
    });
    afterAll(async () => {
      await catalog?.close();
      rmSync(mediaDir, { recursive: true, force: true });
    });

    const newProduct = async () =>
      (
        await catalog.client(merchant).rawRequest<{ createProduct: { product: { id: string } } }>(
          gql`
            mutation ($input: CreateProductInput!) {
              createProduct(input: $input) {
                product {
                  id
                }
              }
            }
          `,
          { input: { title: 'Mug', price: { amount: 900, currencyCode: 'EUR' } } },
        )
      ).data.createProduct.product.id;
    const ticketFor = async (productId: string, bytes: Buffer) =>
      (
        await catalog.client(merchant).rawRequest<{ createMediaUpload: UploadTicket }>(CREATE_MEDIA_UPLOAD, {
          input: { productId, filename: 'mug.png', contentType: 'image/png', byteSize: bytes.length },
        })
      ).data.createMediaUpload;
    const complete = async (mediaId: string) =>
      (
        await catalog
          .client(merchant)
          .rawRequest<{ completeMediaUpload: { media: { url: string; width: number; height: number } | null; userErrors: { code: string }[] } }>(
            COMPLETE_MEDIA_UPLOAD,
            {
              input: { mediaId, alt: 'Mug' },
            },
          )
      ).data.completeMediaUpload;

    it('uploads straight to the bucket, checks the object there, serves its public URL and deletes it from the bucket', async () => {
      const png = pngImage(12, 7);
      const ticket = await ticketFor(await newProduct(), png);
      expect(ticket.uploadUrl.startsWith(`${standIn.endpoint}/${CREDENTIALS.bucket}/${STORE}/${ticket.mediaId}?`)).toBe(true);
      const stored = await fetch(ticket.uploadUrl, { method: 'PUT', headers: headersOf(ticket), body: png });
      expect(stored.status).toBe(200);
      const completed = await complete(ticket.mediaId);
      expect(completed).toEqual({
        media: expect.objectContaining({
          url: `https://cdn.example.com/shop-media/${STORE}/${ticket.mediaId}`,
          contentType: 'image/png',
          width: 12,
          height: 7,
        }),
        userErrors: [],
      });

      const deleted = await catalog
        .client(merchant)
        .rawRequest<{ deleteProductMedia: { userErrors: unknown[] } }>(DELETE_PRODUCT_MEDIA, { input: { id: ticket.mediaId } });
      expect(deleted.data.deleteProductMedia.userErrors).toEqual([]);
      expect(standIn.objects.has(key(ticket.mediaId))).toBe(false);
    });

    it('deletes a refused object from the bucket', async () => {
      const ticket = await ticketFor(await newProduct(), HTML_PAGE);
      expect((await fetch(ticket.uploadUrl, { method: 'PUT', headers: headersOf(ticket), body: HTML_PAGE })).status).toBe(200);
      expect(standIn.objects.has(key(ticket.mediaId))).toBe(true);
      expect((await complete(ticket.mediaId)).userErrors.map((error) => error.code)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
      expect(standIn.objects.has(key(ticket.mediaId))).toBe(false);
    });
  });
});
