// Untrusted image bytes -> an upright RGB raster no larger than the OCR needs. The type comes from the
// magic bytes (never the file name or the declared content type); sharp decodes with a pixel limit
// checked on the header before any pixel is decoded, so a 20,000 x 20,000 PNG costs a few kilobytes.
import { DomainError } from '@suite/platform';
import sharp, { type Metadata } from 'sharp';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff';

export interface ImageLimits {
  maxBytes: number;
  /** Largest width x height decoded (sharp's limitInputPixels). */
  maxPixels: number;
  /** Longest side of the raster handed to the OCR (larger images are scaled down). */
  maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 2400,
};

export interface RgbRaster {
  /** Interleaved RGB, 3 bytes a pixel, row-major. */
  data: Uint8Array;
  width: number;
  height: number;
  format: ImageFormat;
  /** Scale from raster pixels back to the upright original's pixels. */
  scaleToOriginal: number;
}

/** The format named by the first bytes, or what the bytes look like for a clear refusal. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | 'gif' | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (bytes.length >= 3 && starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (bytes.length >= 8 && starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (
    bytes.length >= 12 &&
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'webp';
  if (bytes.length >= 4 && (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a))) return 'tiff';
  if (bytes.length >= 6 && starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  return undefined;
}

/** Checks and decodes; every refusal is a DomainError with a stable code (never a crash). */
export async function decodeReceiptImage(
  bytes: Uint8Array,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<RgbRaster> {
  if (bytes.length === 0) throw new DomainError('IMAGE_CORRUPT', 'The image is empty (0 bytes)');
  if (bytes.length > limits.maxBytes)
    throw new DomainError('IMAGE_TOO_LARGE', `The image is larger than ${limits.maxBytes} bytes`);
  const format = sniffImageFormat(bytes);
  if (format === 'gif')
    throw new DomainError(
      'UNSUPPORTED_IMAGE_TYPE',
      'GIF images (animated or not) are not accepted: send JPEG, PNG, WebP or TIFF',
    );
  if (!format)
    throw new DomainError(
      'UNSUPPORTED_IMAGE_TYPE',
      'The file is not a JPEG, PNG, WebP or TIFF image (checked by its content)',
    );
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // failOn 'truncated': a cut-off file is refused rather than half-read; page 0 of a multi-page TIFF.
  const open = () =>
    sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'truncated', pages: 1, page: 0 });
  let meta: Metadata;
  try {
    meta = await open().metadata();
  } catch (err) {
    throw corrupt(err);
  }
  if (meta.format === 'gif' || ((meta.pages ?? 1) > 1 && format !== 'tiff'))
    throw new DomainError('UNSUPPORTED_IMAGE_TYPE', 'Animated images are not accepted');
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new DomainError('IMAGE_CORRUPT', 'The image has no pixels');
  if (width * height > limits.maxPixels)
    throw new DomainError(
      'IMAGE_TOO_LARGE',
      `The image has ${width} x ${height} pixels; at most ${limits.maxPixels} pixels are accepted`,
    );
  try {
    const rotated = open().rotate(); // EXIF orientation
    const { data, info } = await rotated
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const swapped = (meta.orientation ?? 1) >= 5;
    const uprightWidth = swapped ? height : width;
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      format,
      scaleToOriginal: uprightWidth / info.width,
    };
  } catch (err) {
    throw corrupt(err);
  }
}

function corrupt(err: unknown): DomainError {
  const message = err instanceof Error ? err.message : '';
  if (/pixel limit/i.test(message))
    return new DomainError('IMAGE_TOO_LARGE', 'The image has more pixels than accepted');
  if (/unsupported image format/i.test(message))
    return new DomainError('UNSUPPORTED_IMAGE_TYPE', 'The image format is not supported');
  return new DomainError('IMAGE_CORRUPT', 'The image could not be decoded (truncated or damaged)');
}
