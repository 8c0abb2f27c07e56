/** Reads a urlencoded form body with a size limit, so an oversized or foreign body is refused before parsing. */

export type FormBody =
  | { kind: 'ok'; entries: [string, string][] }
  | { kind: 'too-large'; status: 413; message: string }
  | { kind: 'unsupported'; status: 415; message: string };

export async function readFormBody(request: Request, maxBytes: number): Promise<FormBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return {
      kind: 'unsupported',
      status: 415,
      message: 'Send the form as a web form (application/x-www-form-urlencoded).',
    };
  }
  const tooLarge = {
    kind: 'too-large',
    status: 413,
    message: 'That form is far larger than any form on this site.',
  } as const;
  const bytes = await readBounded(request, maxBytes);
  if (bytes === null) return tooLarge;
  // Invalid UTF-8 decodes to U+FFFD, which matches no id: the caller answers 400.
  const text = new TextDecoder().decode(bytes);
  return { kind: 'ok', entries: [...new URLSearchParams(text).entries()] };
}

/**
 * The request's body, or null as soon as it is larger than `maxBytes` (by its Content-Length, or by
 * what arrives): an oversized body is never read whole.
 */
export async function readBounded(
  request: Request,
  maxBytes: number,
): Promise<ReturnType<typeof Buffer.concat> | null> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return null;
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: cancelling one copy of a cloned body settles only once every copy is cancelled.
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
