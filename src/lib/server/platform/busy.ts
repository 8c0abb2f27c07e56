/** The answer when a write could not get the database lock in time: 503 and when to try again, never a 500 or a hang. */

/** Seconds a client should wait before retrying; the lock holder is usually a short job. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export function busyResponse(requestId: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Busy for a moment · Trust Academy</title></head>
<body>
<h1>We are busy for a moment</h1>
<p>Nothing was saved. Please try again in a few seconds.</p>
<p>If it keeps happening, tell us this reference: <code>${requestId}</code></p>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    },
  });
}
