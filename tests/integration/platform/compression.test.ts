import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../support/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body is read as sent on the wire (fetch would decompress it out of sight). */
function raw(origin: string, path: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function decoded(res: RawResponse): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.body).toString('utf8');
  return res.body.toString('utf8');
}

describe('compressed responses', () => {
  let server: RunningServer;
  let stylesheet: string;
  beforeAll(async () => {
    server = await startServer();
    const home = await (await fetch(`${server.origin}/`)).text();
    stylesheet = /<link rel="stylesheet" href="([^"]+\.css)"/.exec(home)?.[1] ?? '';
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip, deflate'],
  ])('sends pages as %s when the client accepts it (%s)', async (encoding, accept) => {
    const plain = await raw(server.origin, '/lessons', 'identity');
    const packed = await raw(server.origin, '/lessons', accept);
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(packed.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(packed.body.length).toBeLessThan(plain.body.length / 2);
    expect(decoded(packed)).toBe(decoded(plain));
  });

  it('sends the build stylesheet compressed, with its long cache life kept', async () => {
    expect(stylesheet).toMatch(/^\/_astro\//);
    const plain = await raw(server.origin, stylesheet);
    const packed = await raw(server.origin, stylesheet, 'gzip, br');
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers['content-type']).toMatch(/^text\/css/);
    expect(packed.headers['cache-control']).toContain('immutable');
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(packed)).toBe(plain.body.toString('utf8'));
  });

  it('sends the page as it is to a client that asks for no encoding', async () => {
    const res = await raw(server.origin, '/lessons');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toMatch(/^<!doctype html>/i);
  });

  it('leaves tiny bodies and already-compressed types alone', async () => {
    // The favicon is SVG (text, compressible) but a few hundred bytes: not worth a compressor.
    const icon = await raw(server.origin, '/favicon.svg', 'gzip, br');
    expect(icon.status).toBe(200);
    expect(icon.body.length).toBeLessThan(1024);
    expect(icon.headers['content-encoding']).toBeUndefined();
    const png = await raw(server.origin, '/favicon.png', 'gzip, br');
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
  });
});
