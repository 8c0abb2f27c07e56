/** Prometheus metrics of this process: requests by route pattern, latency, database lock waits, outbox backlog, webhook lag. */
import { type Database, readRow } from '@db/client';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { allCaches, type CacheCounts } from '../../platform/bounded-cache';
import { log } from './log';
import { outboxBacklog } from './outbox';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
  name: 'http_requests_total',
  help: 'Requests answered, by route pattern (never the raw path), method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from the request to its response headers, by route pattern.',
  labelNames: ['route'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const busyRetries = new Counter({
  name: 'db_busy_retries_total',
  help: 'Another try at the write lock while another process held it.',
  registers: [registry],
});

const busyTimeouts = new Counter({
  name: 'db_busy_timeouts_total',
  help: 'Writes that gave up after DATABASE_BUSY_TIMEOUT_MS (answered 503).',
  registers: [registry],
});

export function countBusyRetry(): void {
  busyRetries.inc();
}

export function countBusyTimeout(): void {
  busyTimeouts.inc();
}

/**
 * The in-process caches (src/lib/platform/bounded-cache.ts), read when scraped: each cache keeps plain
 * numbers, so a hit costs no metric update. Counters advance by what changed since the last scrape.
 */
function cacheCounter(name: string, help: string, pick: (c: CacheCounts) => number): void {
  const reported = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const cache of allCaches()) {
        const counts = cache.counts();
        const now = pick(counts);
        const delta = now - (reported.get(counts.name) ?? 0);
        reported.set(counts.name, now);
        this.inc({ cache: counts.name }, Math.max(0, delta));
      }
    },
  });
}

function cacheGauge(name: string, help: string, pick: (c: CacheCounts) => number): void {
  new Gauge({
    name,
    help,
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const cache of allCaches()) {
        const counts = cache.counts();
        this.set({ cache: counts.name }, pick(counts));
      }
    },
  });
}

cacheCounter('app_cache_hits_total', 'Lookups answered from an in-process cache.', (c) => c.hits);
cacheCounter('app_cache_misses_total', 'Lookups an in-process cache could not answer.', (c) => c.misses);
cacheCounter(
  'app_cache_refused_total',
  'Entries not kept because they were larger than the cache keeps (e.g. a personal page over its size).',
  (c) => c.refused,
);
cacheGauge('app_cache_bytes', 'Bytes held by an in-process cache, as sized when stored.', (c) => c.bytes);
cacheGauge('app_cache_entries', 'Entries held by an in-process cache.', (c) => c.entries);
cacheGauge('app_cache_max_bytes', 'The byte budget of an in-process cache.', (c) => c.maxBytes);

const METHODS = new Set(['GET', 'HEAD', 'POST']);

export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  requests.inc({ route, method: METHODS.has(method) ? method : 'other', status: String(status) });
  duration.observe({ route }, seconds);
}

/** How many of the latest applied Stripe events count as "recent" for the lag, and how old they may be. */
const LAG_EVENTS = 100;
const LAG_WINDOW_MS = 60 * 60_000;

interface LagRow {
  n: number;
  maxMs: number | null;
  avgMs: number | null;
}

/** A gauge's read from the database; a failure is logged and leaves the last value, so a scrape never fails. */
async function guarded(name: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    log.warn({ err: error, metric: name }, 'metric could not be read');
  }
}

/** One read per scrape serves both Stripe gauges (they are collected concurrently). */
let lagRead: Promise<LagRow | null> | null = null;

/** Gauges read from the database when scraped, not on every request; registered once by the database module. */
export function registerDatabaseGauges(db: () => Promise<Database>): void {
  new Gauge({
    name: 'email_outbox_backlog',
    help: 'Emails queued and not yet sent.',
    registers: [registry],
    collect() {
      return guarded('email_outbox_backlog', async () => this.set(await outboxBacklog(await db())));
    },
  });
  const latestLag = async (): Promise<LagRow | null> => {
    if (lagRead === null) {
      // Rowid order is the order events were applied: the newest are read without a scan.
      const row = db().then((database) =>
        readRow<LagRow>(
          database,
          `SELECT count(*) AS n, max(applied_at - created_at) AS maxMs, avg(applied_at - created_at) AS avgMs
             FROM (SELECT applied_at, created_at FROM stripe_events ORDER BY rowid DESC LIMIT ${LAG_EVENTS})
            WHERE applied_at >= ?`,
          [Date.now() - LAG_WINDOW_MS],
        ),
      );
      lagRead = row;
    }
    return lagRead;
  };
  new Gauge({
    name: 'stripe_webhook_lag_seconds',
    help: `Stripe event applied_at - created_at over the last ${LAG_EVENTS} events applied in the past hour (absent when there are none).`,
    labelNames: ['stat'] as const,
    registers: [registry],
    collect() {
      return guarded('stripe_webhook_lag_seconds', async () => {
        const row = await latestLag();
        this.reset();
        if (row && Number(row.n) > 0) {
          this.set({ stat: 'max' }, Number(row.maxMs) / 1000);
          this.set({ stat: 'avg' }, Number(row.avgMs) / 1000);
        }
      });
    },
  });
  new Gauge({
    name: 'stripe_webhook_recent_events',
    help: 'How many Stripe events stripe_webhook_lag_seconds is computed from.',
    registers: [registry],
    collect() {
      return guarded('stripe_webhook_recent_events', async () =>
        this.set(Number((await latestLag())?.n ?? 0)),
      );
    },
  });
}

export function metricsText(): Promise<string> {
  lagRead = null;
  return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;
