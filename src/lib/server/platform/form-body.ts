/** Reading a request's body with a size limit, so an oversized body is never read whole. */

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
