import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { discardFile, FileTooLargeError, receiveFile, type ReceivedFile } from '../files/store.ts';
import { errors } from './errors.ts';

export interface Upload {
  /** The text fields of the form. */
  fields: Record<string, string>;
  /** The file, received into the store's temporary area, not yet registered. */
  received: ReceivedFile;
  fileName: string;
  mediaType: string | null;
}

/**
 * Reads a multipart upload: one file part and text fields, the file kept unregistered until the
 * caller has checked it (the caller discards or registers it). No file, a second file, an empty
 * file or one over the upload limit → a located error, nothing kept.
 */
export async function readUpload(
  req: FastifyRequest,
  config: Pick<Config, 'OBSERVATORY_MAX_UPLOAD_MB' | 'filesDir'>,
  defaultName = 'upload',
): Promise<Upload> {
  if (!req.isMultipart()) throw errors.badRequest([{ param: 'file', code: 'multipart_required' }]);
  const fields: Record<string, string> = {};
  let received: ReceivedFile | undefined;
  let fileName = '';
  let mediaType: string | null = null;
  const limit = config.OBSERVATORY_MAX_UPLOAD_MB * 1_048_576;
  try {
    for await (const part of req.parts({ limits: { fileSize: limit, files: 1, fields: 20 } })) {
      if (part.type === 'file') {
        if (received) throw errors.badRequest([{ param: 'file', code: 'one_file_only' }]);
        fileName = part.filename || defaultName;
        mediaType = part.mimetype;
        received = await receiveFile(config.filesDir, part.file, limit);
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if (received) discardFile(received);
    if (error instanceof FileTooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw errors.tooLarge(limit);
    throw error;
  }
  if (!received) throw errors.invalidParameter('file', 'zod.required');
  if (received.size === 0) {
    discardFile(received);
    throw errors.validation('file_empty', {}, 'file');
  }
  return { fields, received, fileName, mediaType };
}
