import { writeFileSync } from 'node:fs';
import { closeDatabase } from '@db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMOTE_DATABASE } from '../../support/remote-database';
import { type RunningServer, startServer } from '../../support/server';
import { openTestWriter } from '../../support/test-writer';

const TOKEN = 'observability-test-token-0123';

/** The server's JSON log lines (the adapter's own start-up line is not JSON). */
function logLines(server: RunningServer): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('metrics, logs and request ids', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves /metrics only with the bearer token', async () => {
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    const res = await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'db_busy_retries_total',
      'db_busy_timeouts_total',
      'email_outbox_backlog 0',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(name);
  });

  it('reports the Stripe webhook lag of recently applied events', async () => {
    const opened = await openTestWriter(server.databaseUrl);
    const now = Date.now();
    try {
      await opened.client.batch([
        // Applied 2 s and 4 s after Stripe created them; one from yesterday does not count.
        {
          sql: 'INSERT INTO stripe_events VALUES (?, ?, ?, ?)',
          args: ['evt_1', 'invoice.paid', now - 12_000, now - 10_000],
        },
        {
          sql: 'INSERT INTO stripe_events VALUES (?, ?, ?, ?)',
          args: ['evt_2', 'invoice.paid', now - 9_000, now - 5_000],
        },
        {
          sql: 'INSERT INTO stripe_events VALUES (?, ?, ?, ?)',
          args: ['evt_0', 'invoice.paid', now - 90_000_000, now - 86_000_000],
        },
      ]);
    } finally {
      closeDatabase(opened);
    }
    const text = await (
      await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).text();
    expect(text).toContain('stripe_webhook_recent_events 2');
    expect(text).toContain('stripe_webhook_lag_seconds{stat="max"} 4');
    expect(text).toContain('stripe_webhook_lag_seconds{stat="avg"} 3');
  });

  it('labels requests by route pattern, never by the raw path', async () => {
    for (const slug of ['no-such-lesson-1', 'no-such-lesson-2', 'trust-is-expectations-met'])
      await (await fetch(`${server.origin}/lessons/${slug}`)).arrayBuffer();
    const text = await (
      await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).text();
    expect(text).toMatch(/http_requests_total\{route="\/lessons\/\[slug\]",method="GET",status="200"\} 1/);
    expect(text).not.toContain('no-such-lesson');
    expect(text).not.toContain('trust-is-expectations-met');
  });

  it('makes its own request id when no proxy is trusted, and logs every request as JSON with it', async () => {
    const res = await fetch(`${server.origin}/lessons`, {
      headers: { 'X-Request-Id': 'from-the-client-123' },
    });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const line = logLines(server).find((l) => l['requestId'] === id);
    expect(line).toMatchObject({ level: 'debug', msg: 'request', route: '/lessons', status: 200 });
    expect(JSON.stringify(logLines(server))).not.toContain('from-the-client-123');
  });
});

describe('behind a trusted proxy', () => {
  it("keeps the proxy's X-Request-Id when it is a plain token, and makes one otherwise", async () => {
    const server = await startServer({ env: { TRUSTED_PROXY_HEADER: 'x-forwarded-for' } });
    try {
      const kept = await fetch(`${server.origin}/`, { headers: { 'X-Request-Id': 'edge-7f3a9c21' } });
      expect(kept.headers.get('x-request-id')).toBe('edge-7f3a9c21');
      const odd = await fetch(`${server.origin}/`, { headers: { 'X-Request-Id': 'bad id <script>' } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await server.stop();
    }
  });
});

describe('errors', () => {
  it('shows the request id on the 500 page, in X-Request-Id, and on the error log line', async () => {
    const server = await startServer();
    try {
      // A session cookie makes the request read the database, which is then made unreadable.
      for (const suffix of ['', '-wal', '-shm'])
        writeFileSync(`${server.databasePath}${suffix}`, 'not a database'.repeat(512));
      const res = await fetch(`${server.origin}/lessons`, {
        headers: { Cookie: 'session=abcdefghijabcdefghijabcdefghij23' },
      });
      expect(res.status).toBe(500);
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.text()).toContain(`tell us this reference: <code>${id}</code>`);
      await new Promise((r) => setTimeout(r, 50));
      const line = logLines(server).find((l) => l['level'] === 'error' && l['requestId'] === id);
      expect(line).toMatchObject({ msg: 'request failed', route: '/lessons' });
      // SQLite's own message; a remote database server answers the request with its own failure.
      expect(JSON.stringify(line?.['err'])).toContain(REMOTE_DATABASE ? 'SERVER_ERROR' : 'not a database');
    } finally {
      await server.stop('SIGKILL');
    }
  });

  it('refuses to start with a bad LOG_LEVEL or a short METRICS_TOKEN, naming the variable', async () => {
    for (const [name, value] of [
      ['LOG_LEVEL', 'loud'],
      ['METRICS_TOKEN', 'short'],
    ] as const) {
      const server = await startServer({ env: { [name]: value }, expectReady: false });
      expect(await server.stop()).toBe(1);
      expect(server.output()).toContain(name);
    }
  });
});
