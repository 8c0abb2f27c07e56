/**
 * Malformed requests of every kind get a 4xx with a short plain answer, never a 500 or a stack trace:
 * sent over raw sockets, so the request line and headers are exactly what an attacker would send.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/** Sends bytes as they are and reads the whole answer (the request asks the server to close). */
function raw(request: string): Promise<RawResponse> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
    socket.end(request);
  });
}

const json = (body: string, path = '/_actions/accounts.logIn', origin = true): string =>
  `POST ${path} HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nContent-Type: application/json\r\n` +
  `${origin ? `Origin: ${server.origin}\r\n` : ''}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

const withHost = (host: string): string => `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
const withMethod = (method: string): string =>
  `${method} / HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;

describe('malformed requests', () => {
  const cases: [string, () => string, number][] = [
    ['malformed JSON to an action', () => json('{"email":'), 415],
    [
      'malformed JSON to an action, no Origin (refused as cross-site first)',
      () => json('{"email":', '/_actions/accounts.logIn', false),
      403,
    ],
    ['malformed JSON to an unknown action', () => json('{', '/_actions/nope.nothing'), 415],
    ['a JSON array to an action', () => json('[1,2', '/_actions/accounts.signUp'), 415],
    ['malformed JSON to a page’s form action', () => json('{"email":', '/login?_action=accounts.logIn'), 415],
    ['TRACE', () => withMethod('TRACE'), 405],
    ['TRACK', () => withMethod('TRACK'), 405],
    ['PROPFIND', () => withMethod('PROPFIND'), 405],
    ['PUT', () => withMethod('PUT'), 405],
    ['DELETE', () => withMethod('DELETE'), 405],
    ['PATCH', () => withMethod('PATCH'), 405],
    ['OPTIONS', () => withMethod('OPTIONS'), 405],
    ['Host with user@', () => withHost('user@127.0.0.1'), 400],
    ['Host with user:password@', () => withHost('user:pw@127.0.0.1'), 400],
    ['Host with a path', () => withHost('127.0.0.1/evil'), 400],
    ['Host with a bad port', () => withHost('127.0.0.1:http'), 400],
    ['Host with a port out of range', () => withHost('127.0.0.1:99999'), 400],
    ['Host with two ports', () => withHost('127.0.0.1:80:80'), 400],
    ['Host with a space', () => withHost('evil example'), 400],
    ['Host with an unclosed IPv6 bracket', () => withHost('[::1'), 400],
    ['Host with a backslash', () => withHost('evil\\example'), 400],
    ['Host with a percent-encoding', () => withHost('evil%2eexample'), 400],
  ];

  it.each(cases)('%s → a 4xx with a clear, plain answer', async (_name, request, status) => {
    const res = await raw(request());
    expect(res.status).toBe(status);
    expect(res.head.toLowerCase()).toContain('content-type: text/plain');
    expect(res.body.trim().length).toBeGreaterThan(10);
    expect(res.body).not.toMatch(/\bat .*:\d+:\d+|Error:|node_modules/);
    if (status === 405) expect(res.head).toMatch(/\r\nAllow: GET, HEAD, POST/i);
  });

  it('still serves good requests, including a Host with a port, an IPv6 literal or a trailing dot', async () => {
    for (const host of [new URL(server.origin).host, 'localhost', '[::1]:8080', 'academy.example.']) {
      const res = await raw(withHost(host));
      expect(res.status, host).toBe(200);
    }
    expect((await raw(withMethod('HEAD'))).status).toBe(200);
  });
});
