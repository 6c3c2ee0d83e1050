import { readImageInfo } from './image-type';
import { gifImage, HTML_PAGE, jpegImage, pngImage, SVG_IMAGE, webpLosslessImage, webpLossyImage } from '../../test/support/images';

describe('readImageInfo: the type from the bytes, the size from the header', () => {
  it.each([
    ['PNG', pngImage(640, 480), 'image/png', 640, 480],
    ['JPEG', jpegImage(1200, 800), 'image/jpeg', 1200, 800],
    ['GIF', gifImage(32, 16), 'image/gif', 32, 16],
    ['lossless WebP', webpLosslessImage(300, 200), 'image/webp', 300, 200],
    ['lossy WebP', webpLossyImage(1024, 768), 'image/webp', 1024, 768],
  ])('reads a %s', (_name, bytes, contentType, width, height) => {
    expect(readImageInfo(bytes)).toEqual({ contentType, width, height });
  });

  it('reads a JPEG whose frame header comes after other segments and fill bytes', () => {
    const jpeg = jpegImage(10, 20);
    const withFill = Buffer.concat([jpeg.subarray(0, 20), Buffer.from([0xff]), jpeg.subarray(20)]);
    expect(readImageInfo(withFill)).toEqual({ contentType: 'image/jpeg', width: 10, height: 20 });
  });

  it.each([
    ['an SVG', SVG_IMAGE],
    ['an HTML page', HTML_PAGE],
    ['nothing', Buffer.alloc(0)],
    ['a PNG cut off before its size', pngImage(4, 4).subarray(0, 20)],
    ['a PNG of zero width', pngImage(4, 4).fill(0, 16, 20)],
    ['a JPEG with no frame header', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ['a PDF', Buffer.from('%PDF-1.7\n')],
  ])('refuses %s', (_name, bytes) => {
    expect(readImageInfo(bytes)).toBeNull();
  });
});
