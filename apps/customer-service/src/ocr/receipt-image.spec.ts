import { DomainError } from '@suite/platform';
import {
  animatedGif,
  hugePng,
  receiptJpeg,
  textRenamedPng,
  truncatedJpeg,
} from '../../test/fixtures/bad-images.js';
import { decodeReceiptImage, sniffImageFormat } from './receipt-image.js';

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await decodeReceiptImage(bytes);
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('decodeReceiptImage', () => {
  it('decodes a receipt JPEG to an RGB raster', async () => {
    const sut = await decodeReceiptImage(await receiptJpeg());
    expect(sut.format).toBe('jpeg');
    expect(sut.data.length).toBe(sut.width * sut.height * 3);
  });

  it('refuses a truncated JPEG as IMAGE_CORRUPT', async () => {
    expect(await codeOf(await truncatedJpeg())).toBe('IMAGE_CORRUPT');
  });

  it('refuses a 20,000 x 20,000 PNG as IMAGE_TOO_LARGE from its header, memory bounded', async () => {
    const png = await hugePng();
    expect(png.length).toBeLessThan(2_000_000);
    const before = process.memoryUsage().rss;
    expect(await codeOf(png)).toBe('IMAGE_TOO_LARGE');
    // Decoding would need 400 MB; the header check costs next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a text file named .png as UNSUPPORTED_IMAGE_TYPE', async () => {
    expect(await codeOf(textRenamedPng())).toBe('UNSUPPORTED_IMAGE_TYPE');
  });

  it('refuses a zero-byte file as IMAGE_CORRUPT', async () => {
    expect(await codeOf(new Uint8Array(0))).toBe('IMAGE_CORRUPT');
  });

  it('refuses an animated GIF as UNSUPPORTED_IMAGE_TYPE', async () => {
    expect(await codeOf(await animatedGif())).toBe('UNSUPPORTED_IMAGE_TYPE');
  });

  it('refuses an image above the byte limit as IMAGE_TOO_LARGE', async () => {
    const jpeg = await receiptJpeg();
    await expect(
      decodeReceiptImage(jpeg, { maxBytes: 1024, maxPixels: 1e8, maxSide: 100 }),
    ).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });
});

describe('sniffImageFormat', () => {
  it('names formats by their magic bytes', () => {
    expect(sniffImageFormat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(Buffer.from('II*\0'))).toBe('tiff');
    expect(sniffImageFormat(Buffer.from('MM\0*'))).toBe('tiff');
    expect(sniffImageFormat(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffImageFormat(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });
});
