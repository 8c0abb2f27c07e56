/** Reads a multipart form (a file upload) with a size limit, so an oversized or foreign body is refused before parsing. */
import { readBounded } from './form-body';

export type UploadBody =
  | { kind: 'ok'; form: FormData }
  | { kind: 'too-large'; status: 413; message: string }
  | { kind: 'unsupported'; status: 415 | 400; message: string };

export async function readUploadBody(
  request: Request,
  maxBytes: number,
  tooLargeMessage: string,
): Promise<UploadBody> {
  const type = request.headers.get('content-type') ?? '';
  const base = type.split(';')[0]?.trim().toLowerCase();
  if (base !== 'multipart/form-data' && base !== 'application/x-www-form-urlencoded') {
    return {
      kind: 'unsupported',
      status: 415,
      message: 'Send the form as a web form (multipart/form-data).',
    };
  }
  const tooLarge = { kind: 'too-large', status: 413, message: tooLargeMessage } as const;
  const bytes = await readBounded(request, maxBytes);
  if (bytes === null) return tooLarge;
  try {
    const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
    return { kind: 'ok', form };
  } catch {
    return {
      kind: 'unsupported',
      status: 400,
      message: 'That form could not be read. Choose the file again and send it.',
    };
  }
}
