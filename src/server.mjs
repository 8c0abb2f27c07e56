// The production process: start Astro's standalone server, apply migrations before announcing readiness,
// and drain gracefully on SIGTERM (readiness fails at once, in-flight requests finish, exit 0 within 10 s).
// Plain JavaScript because it runs the build rather than being part of it: `node src/server.mjs`.
import { pino } from 'pino';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';

const DRAINING = Symbol.for('trust-academy.draining');
const DRAIN_LIMIT_MS = 8_000;
/** How long the process keeps answering (readiness failing) so a load balancer can stop routing to it. */
const GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 1_000);

const { startServer } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
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
const { server } = startServer();
const http = server.server;

await new Promise((resolve, reject) => {
  if (http.listening) resolve(undefined);
  http.once('listening', resolve);
  http.once('error', reject);
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
log.info(`Trust Academy is ready on ${origin.replace('127.0.0.1', server.host)}`);

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
