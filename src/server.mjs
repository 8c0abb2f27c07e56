// The production process: serve the build (the app through Astro's Node handler, the few files in
// dist/client from disk), apply migrations before announcing readiness, and drain gracefully on SIGTERM
// (readiness fails at once, in-flight requests finish, exit 0 within 10 s).
// Plain JavaScript because it runs the build rather than being part of it: `node src/server.mjs`.
import { readdirSync } from 'node:fs';
import { createServer, STATUS_CODES } from 'node:http';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import compression from 'compression';
import { pino } from 'pino';
import send from 'send';

const DRAINING = Symbol.for('trust-academy.draining');
const DRAIN_LIMIT_MS = 8_000;
/** How long the process keeps answering (readiness failing) so a load balancer can stop routing to it. */
const GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 1_000);

const { handler } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
const CLIENT = fileURLToPath(new URL('../dist/client/', import.meta.url));

/** Every file the build put in dist/client, by URL path. */
function staticFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(CLIENT, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
}
// Only these paths are looked for on disk, so a page request costs no file-system lookups (Astro's
// standalone server stats the disk for every request before rendering it: ~15% of a page's time).
const FILES = new Set(staticFiles(CLIENT));

function serveStatic(req, res, pathname) {
  // Build assets carry a content hash in their names: cached for a year.
  const hashed = pathname.startsWith('/_astro/');
  const stream = send(req, pathname, {
    root: CLIENT,
    dotfiles: 'deny',
    ...(hashed ? { immutable: true, maxAge: 31_536_000_000 } : {}),
  });
  stream.on('error', (error) => {
    res.statusCode = error.statusCode ?? 500;
    res.end();
  });
  stream.pipe(res);
}
// Pages, stylesheets and other text go out compressed when the client accepts it (brotli preferred, then
// gzip; `Vary: Accept-Encoding` always). The levels favour speed: brotli quality 4 compresses a page
// better than gzip 6 at about the same CPU, where brotli's default (11) costs tens of milliseconds a page.
// Bodies known to be under 1 KB (static files; pages are streamed with no length) and types that are compressed already (images, PDFs, fonts) are sent as they are.
const compress = compression({
  level: 6,
  threshold: 1024,
  brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
});

// Logs the way the app does (src/lib/server/platform/log.ts). The app validates LOG_LEVEL when it
// first loads, and a bad value stops the start-up naming it; until then an unknown level means info.
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const log = pino({
  level: LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL : 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
// A crash leaves one JSON line saying why, like everything else the process logs, then exits 1.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    log.fatal({ err: error }, `${event}: exiting`);
    process.exit(1);
  });
}
/**
 * The methods the app answers. Anything else (TRACE, WebDAV's, …) is refused here, before Astro, which
 * cannot even build a Request for some of them.
 */
const METHODS = new Set(['GET', 'HEAD', 'POST']);
const ALLOW = [...METHODS].join(', ');
/**
 * A Host header the app can build a URL from: a DNS name (a trailing dot allowed), an IPv4 address or a
 * bracketed IPv6 literal, and an optional port. Anything else (`user@host`, a path, a second port) would
 * make a URL with credentials or another host than the one asked for, or none at all.
 */
const HOST_HEADER =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

function validHost(value) {
  if (value === undefined) return true; // HTTP/1.0 may omit it; Node refuses HTTP/1.1 without one
  const match = HOST_HEADER.exec(value);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
}

/** A short plain-text answer for a request the app can't or won't handle: never a stack trace. */
function plain(status, message, headers = {}) {
  const body = `${message}\n`;
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    Object.entries({
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      Connection: 'close',
      ...headers,
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    `\r\n${body}`
  );
}

function refuse(res, status, message, headers = {}) {
  res
    .writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...headers,
    })
    .end(`${message}\n`);
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
const http = createServer((req, res) => {
  if (!METHODS.has(req.method ?? '')) {
    refuse(res, 405, `This site answers only ${ALLOW} requests.`, { Allow: ALLOW });
    return;
  }
  if (!validHost(req.headers.host)) {
    refuse(res, 400, 'Bad request: the Host header is not a host name with an optional port.');
    return;
  }
  let pathname;
  try {
    pathname = decodeURI((req.url ?? '/').split(/[?#]/, 1)[0]);
  } catch {
    refuse(res, 400, 'Bad request: the address is not valid percent-encoded UTF-8.');
    return;
  }
  compress(req, res, () => {
    if (FILES.has(pathname) && (req.method === 'GET' || req.method === 'HEAD'))
      serveStatic(req, res, pathname);
    else handler(req, res);
  });
});

// An idle keep-alive connection is kept longer than clients and proxies keep theirs (load balancers
// commonly 60 s, Node's fetch 4 s), so the client is the one to close it. With Node's 5 s default the server
// could close a connection at the moment a client reused it, and that request failed with a reset: seen
// as "other side closed" on a login POST in a loaded test run.
http.keepAliveTimeout = 65_000;

// Requests Node's parser can't read (an unknown method, a malformed header) get a plain answer too.
http.on('clientError', (error, socket) => {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_INVALID_METHOD')
    socket.end(plain(405, `This site answers only ${ALLOW} requests.`, { Allow: ALLOW }));
  else if (error.code === 'HPE_HEADER_OVERFLOW') socket.end(plain(431, 'The request headers are too large.'));
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    socket.end(plain(408, 'The request took too long to arrive.'));
  else socket.end(plain(400, 'Bad request: it could not be read as HTTP.'));
});

await new Promise((resolve, reject) => {
  http.once('listening', resolve);
  http.once('error', reject);
  http.listen(port, host);
});

// Readiness runs the migrations and builds the search index, so the first visitor never waits for them.
const address = http.address();
const origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
const ready = await fetch(`${origin}/readyz`).catch((error) => ({
  ok: false,
  text: async () => String(error),
}));
if (!ready.ok) {
  log.fatal(`Start-up failed: ${(await ready.text()).trim()}`);
  process.exit(1);
}
log.info(`Trust Academy is ready on ${origin.replace('127.0.0.1', host)}`);

let stopping = false;
// While draining, every response closes its connection, so keep-alive clients reconnect elsewhere
// instead of sending a request into a socket that is about to be closed.
http.on('request', (_req, res) => {
  if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
});

function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  globalThis[DRAINING] = true;
  log.info(`${signal} received: readiness now fails; finishing in-flight requests`);
  setTimeout(() => {
    http.close(() => {
      log.info('drained: exiting');
      process.exit(0);
    });
    // Sockets that go idle during the drain are closed as soon as they do.
    setInterval(() => http.closeIdleConnections(), 100).unref();
  }, GRACE_MS).unref();
  setTimeout(() => {
    log.warn(`requests still open after ${DRAIN_LIMIT_MS} ms: closing them and exiting`);
    http.closeAllConnections();
    process.exit(0);
  }, DRAIN_LIMIT_MS).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
