// Reads the one image of a multipart/form-data request (@fastify/multipart, registered by
// InvoicesModule) with a size limit enforced while streaming; other parts are small text fields.
import { DomainError } from '@suite/platform';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

export interface UploadedImage {
  bytes: Buffer;
  fields: Record<string, string>;
}

export async function readImageUpload(request: FastifyRequest, maxBytes: number): Promise<UploadedImage> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart())
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send multipart/form-data with the image in the "image" field',
    );
  let bytes: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'image') {
          part.file.resume();
          throw new DomainError(
            'INVALID_INPUT',
            `Unexpected file field "${part.fieldname}": send the image as "image"`,
          );
        }
        bytes = await part.toBuffer();
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new DomainError('IMAGE_TOO_LARGE', `The image is larger than ${maxBytes} bytes`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new DomainError('INVALID_INPUT', 'Send one image and at most a few text fields');
    throw new DomainError('INVALID_INPUT', 'The multipart body could not be read');
  }
  if (!bytes) throw new DomainError('INVALID_INPUT', 'The "image" file field is missing');
  return { bytes, fields };
}
