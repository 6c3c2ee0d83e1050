'use strict';
const { eachLimited, expectNoUserErrors } = require('./client');
const { colourOf, solidPng } = require('./png');

const CREATE_MEDIA_UPLOAD = `mutation SeedCreateMediaUpload($input: CreateMediaUploadInput!) {
  createMediaUpload(input: $input) { uploadUrl uploadHeaders { name value } mediaId userErrors { code field message } }
}`;
const COMPLETE_MEDIA_UPLOAD = `mutation SeedCompleteMediaUpload($input: CompleteMediaUploadInput!) {
  completeMediaUpload(input: $input) { media { id } userErrors { code field message } }
}`;

/**
 * Gives every product that shows no image one: a 64×64 PNG in a colour of its own, uploaded as a
 * merchant does (createMediaUpload → PUT to the signed URL → completeMediaUpload). The URL is sent
 * to the gateway the seed talks to (its /media route), whatever public address catalog names.
 *
 * @param {{ id: string, handle: string, title: string, media: unknown[] }[]} products
 * @returns {Promise<number>} how many images were uploaded
 */
async function seedImages(request, gatewayUrl, products) {
  const origin = new URL(gatewayUrl).origin;
  const bare = products.filter((product) => product.media.length === 0);
  await eachLimited(bare, 4, async (product) => {
    const png = solidPng(64, 64, colourOf(product.handle));
    const ticket = expectNoUserErrors(
      `createMediaUpload ${product.handle}`,
      (
        await request(CREATE_MEDIA_UPLOAD, {
          input: { productId: product.id, filename: `${product.handle}.png`, contentType: 'image/png', byteSize: png.length },
        })
      ).createMediaUpload,
    );
    const target = new URL(ticket.uploadUrl);
    const headers = Object.fromEntries(ticket.uploadHeaders.map((header) => [header.name, header.value]));
    const put = await fetch(`${origin}${target.pathname}${target.search}`, { method: 'PUT', headers, body: png });
    if (!put.ok) throw new Error(`uploading the image of ${product.handle}: HTTP ${put.status}`);
    expectNoUserErrors(
      `completeMediaUpload ${product.handle}`,
      (await request(COMPLETE_MEDIA_UPLOAD, { input: { mediaId: ticket.mediaId, alt: product.title } })).completeMediaUpload,
    );
  });
  return bare.length;
}

module.exports = { seedImages };
