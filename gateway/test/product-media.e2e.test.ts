import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { HTML_PAGE, pngImage, SVG_IMAGE } from '../../subgraphs/catalog/test/support/images';
import { Storefront } from './support/storefront';

/**
 * Product media through the gateway, the one public entry: a merchant asks for an upload URL, PUTs a
 * PNG to the gateway's /media/uploads/<token>, completes it, and anyone fetches it back from
 * /media/<key> with the checked type and headers that let a browser do nothing but show it.
 */
describe('product media through the gateway', () => {
  let stack: PooledStack;
  let shop: Storefront;
  let otherShop: Storefront;
  let gatewayOrigin: string;

  /** The stack's gateway port is picked at start, after catalog was told its public media address: the same path on the real gateway. */
  const onGateway = (url: string) => {
    const parsed = new URL(url);
    return `${gatewayOrigin}${parsed.pathname}${parsed.search}`;
  };
  const uploadTo = async (front: Storefront, productId: string, bytes: Buffer, contentType = 'image/png') => {
    const { createMediaUpload } = await front.merchant.CreateMediaUpload({ input: { productId, filename: 'photo.png', contentType, byteSize: bytes.length } });
    expect(createMediaUpload.userErrors).toEqual([]);
    const headers = Object.fromEntries(createMediaUpload.uploadHeaders.map(({ name, value }) => [name, value]));
    const put = await fetch(onGateway(createMediaUpload.uploadUrl!), { method: 'PUT', headers, body: bytes });
    await put.arrayBuffer();
    return { mediaId: createMediaUpload.mediaId!, uploadUrl: onGateway(createMediaUpload.uploadUrl!), headers, status: put.status };
  };

  beforeAll(async () => {
    stack = await acquireStack({ name: 'media' });
    gatewayOrigin = new URL(stack.gatewayUrl).origin;
    shop = await Storefront.open(stack, 'Media Shop');
    otherShop = await Storefront.open(stack, 'Other Media Shop');
  }, 240_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  it('uploads a PNG and serves it back with its checked type and safe headers; shoppers see it on the product', async () => {
    const productId = await shop.product('Framed print', 0, 2500);
    const shopper = shop.sdkFor();
    // cached for shoppers before the image exists: the media event must drop it
    expect((await shopper.ProductMedia({ id: productId })).product?.media).toEqual([]);

    const png = pngImage(16, 9);
    const upload = await uploadTo(shop, productId, png);
    expect(upload.status).toBe(201);
    // the URL works once
    const again = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: png });
    expect(again.status).toBe(409);
    const { completeMediaUpload } = await shop.merchant.CompleteMediaUpload({ input: { mediaId: upload.mediaId, alt: 'The print, framed' } });
    expect(completeMediaUpload.userErrors).toEqual([]);
    expect(completeMediaUpload.media).toMatchObject({
      id: upload.mediaId,
      contentType: 'image/png',
      width: 16,
      height: 9,
      position: 0,
      alt: 'The print, framed',
    });
    const url = completeMediaUpload.media!.url;
    expect(new URL(url).pathname).toBe(`/media/${shop.storeId}/${upload.mediaId}`);

    const served = await fetch(onGateway(url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(served.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    await eventually(
      async () => ((await shopper.ProductMedia({ id: productId })).product?.media.length === 1 ? true : undefined),
      15_000,
      'the shopper’s cached product to show the new image',
    );
    expect((await shopper.ProductMedia({ id: productId })).product?.media).toEqual([completeMediaUpload.media]);

    const { deleteProductMedia } = await shop.merchant.DeleteProductMedia({ input: { id: upload.mediaId } });
    expect(deleteProductMedia).toEqual({ deletedMediaId: upload.mediaId, userErrors: [] });
    expect((await fetch(onGateway(url))).status).toBe(404);
  });

  it('refuses an SVG and an HTML page sent as PNG, and never serves them', async () => {
    const productId = await shop.product('Poster', 0, 900);
    for (const bytes of [SVG_IMAGE, HTML_PAGE]) {
      const upload = await uploadTo(shop, productId, bytes);
      expect(upload.status).toBe(201);
      const { completeMediaUpload } = await shop.merchant.CompleteMediaUpload({ input: { mediaId: upload.mediaId } });
      expect(completeMediaUpload.userErrors.map((error) => error.code)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
      expect((await fetch(`${gatewayOrigin}/media/${shop.storeId}/${upload.mediaId}`)).status).toBe(404);
    }
    expect((await shop.merchant.ProductMedia({ id: productId })).product?.media).toEqual([]);
  });

  it('turns away a forged token, a path that is not a key and another store’s product', async () => {
    expect(
      (
        await fetch(`${gatewayOrigin}/media/uploads/forged.${'A'.repeat(43)}`, {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: pngImage(1, 1),
        })
      ).status,
    ).toBe(403);
    expect((await fetch(`${gatewayOrigin}/media/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${gatewayOrigin}/media/${shop.storeId}/${shop.storeId}`, { method: 'DELETE' })).status).toBe(405);
    const theirs = await otherShop.product('Their mug', 0, 700);
    const { createMediaUpload } = await shop.merchant.CreateMediaUpload({
      input: { productId: theirs, filename: 'x.png', contentType: 'image/png', byteSize: 10 },
    });
    expect(createMediaUpload).toMatchObject({ uploadUrl: null, mediaId: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productId'] }] });
  });
});
