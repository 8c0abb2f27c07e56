// `npm run bench`: the load benchmark of QUALITY.md. Builds the app and the bare Astro "floor" app, starts
// each as one process on loopback, loads every page from this (second) process for a warm-up and then
// a measured run, and reports req/s, p50, p99, errors, the server's RSS and each page's ratio to the floor.
// Results go to bench/results.json. Figures only: nothing here passes or fails.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readQuizzes, seed, seedBoosters, seedLedger, seedSurvey, seedTeam } from './seed.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FLOOR = join(ROOT, 'bench/floor');
const args = new Set(process.argv.slice(2));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 32;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function sh(cmd, argv, cwd = ROOT) {
  execFileSync(cmd, argv, { cwd, stdio: 'inherit', env });
}

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return error.status === 1; // wrk --version prints its banner and exits 1
  }
}

async function waitFor(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

/**
 * The app runs with the heap settings `npm start` uses (package.json `config`, decision 018), or with
 * BENCH_APP_FLAGS instead, to compare settings (`BENCH_APP_FLAGS= ` for Node's defaults).
 */
const SERVER_NODE_FLAGS =
  process.env.BENCH_APP_FLAGS ??
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).config.server_node_flags;

function start(script, port, extraEnv, flags = []) {
  // BENCH_SERVER_ARGS (e.g. `--cpu-prof`) go to the servers' node, for profiling a page; they come after
  // the app's own flags, so they can also try other heap settings.
  const nodeArgs = [...flags, ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), ...extraEnv },
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  return child;
}

/** The server's resident memory now and its high-water mark since it started (VmHWM), in MB. */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') };
}

function parseWrkLatency(text, label) {
  const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(text);
  if (!m) return null;
  const factor = { us: 0.001, ms: 1, s: 1000 }[m[2]];
  return Number(m[1]) * factor;
}

async function load(url, seconds, request = {}) {
  if (useWrk && !request.method) {
    const headerArgs = Object.entries(request.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    const out = execFileSync(
      'wrk',
      ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...headerArgs, url],
      {
        encoding: 'utf8',
      },
    );
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const socketErrors = socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0;
    return {
      rps,
      p50: parseWrkLatency(out, '50'),
      p99: parseWrkLatency(out, '99'),
      errors: non2xx + socketErrors,
    };
  }
  const result = await autocannon({
    url,
    connections: request.connections ?? CONNECTIONS,
    duration: seconds,
    ...request,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // A login answers 303; everything else should answer 2xx.
    errors:
      result.errors +
      result.timeouts +
      Object.entries(result.statusCodeStats ?? {})
        .filter(([code]) => !(request.okStatus ? Number(code) === request.okStatus : code.startsWith('2')))
        .reduce((sum, [, stat]) => sum + stat.count, 0),
  };
}

const useWrk = !args.has('--autocannon') && hasWrk();

if (!args.has('--no-build')) {
  sh(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build']);
  sh(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', FLOOR]);
}

// BENCH_DATA_DIR keeps the seeded database between runs (for profiling one page again and again): seeded
// on the first run, reused and kept afterwards.
const keptDir = process.env.BENCH_DATA_DIR;
const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'academy-bench-'));
const reuse = keptDir !== undefined && existsSync(join(keptDir, 'bench.db'));
const APP_PORT = 4611;
const FLOOR_PORT = 4612;
const DATABASE_URL = `file:${join(dataDir, 'bench.db')}`;
const PASSWORD = 'bench passphrase for everyone';
/** The login benchmark rotates over this many of the seeded learners. */
const BENCH_USERS = 1000;

// Seed learners straight into the database (one argon2 hash shared by all: same password), each with
// progress on every lesson: 100,000 learners and 5,000,000 progress rows unless BENCH_LEARNERS says less.
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100_000);
if (!reuse) {
  if (keptDir) mkdirSync(keptDir, { recursive: true });
  const client = createClient({ url: DATABASE_URL });
  await migrate(drizzle(client), { migrationsFolder: join(ROOT, 'db/migrations') });
  client.close();
  const passwordHash = await hash(PASSWORD, {
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    outputLen: 32,
  });
  const started = Date.now();
  const seeded = seed(join(dataDir, 'bench.db'), {
    root: ROOT,
    passwordHash,
    learners: LEARNERS,
    attemptsEach: 28,
    members: 10,
  });
  // bench1 (a member) keeps a promise ledger: 200 customers, 5,000 promises.
  seedLedger(join(dataDir, 'bench.db'), { userId: 'benchuser1', customers: 200, promises: 5000 });
  // bench0 (who takes the assessment below) has asked customers: 4 closed rounds, 10 of 12 answered each.
  seedSurvey(join(dataDir, 'bench.db'), { userId: 'benchuser0', rounds: 4, invited: 12, answered: 10 });
  // bench0 has a booster deck of every quiz question and a year of reviews.
  seedBoosters(join(dataDir, 'bench.db'), { root: ROOT, userId: 'benchuser0' });
  // bench3 manages a team of 200 reps (bench100…bench299, with their progress), assignments and shared results.
  seedTeam(join(dataDir, 'bench.db'), { root: ROOT, ownerId: 'benchuser3', from: 100, reps: 200 });
  console.log(
    `seeded ${LEARNERS} learners and ${seeded.rows} progress rows (${seeded.lessons} lessons) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}
const QUIZ_SLUG = 'trust-is-expectations-met';
const quizAnswers = readQuizzes(ROOT).find((q) => q.slug === QUIZ_SLUG)?.answers ?? {};

const app = start(
  'src/server.mjs',
  APP_PORT,
  {
    DATABASE_URL,
    SITE_URL: `http://127.0.0.1:${APP_PORT}`,
    // The login benchmark spreads requests over client addresses, as real traffic would.
    TRUSTED_PROXY_HEADER: 'x-forwarded-for',
  },
  SERVER_NODE_FLAGS.split(' ').filter(Boolean),
);
const floor = start(join(FLOOR, 'dist/server/entry.mjs'), FLOOR_PORT, {});

try {
  await waitFor(`http://127.0.0.1:${APP_PORT}/readyz`, app);
  await waitFor(`http://127.0.0.1:${FLOOR_PORT}/`, floor);

  const course = await (await fetch(`http://127.0.0.1:${APP_PORT}/lessons`)).text();
  const lessonLinks = [...course.matchAll(/href="(\/lessons\/[a-z0-9-]+)"/g)].map((m) => m[1]);
  const freeLesson = lessonLinks[0];
  const origin = `http://127.0.0.1:${APP_PORT}`;
  async function logIn(email) {
    const res = await fetch(`${origin}/login?_action=accounts.logIn`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: origin,
        'X-Forwarded-For': '10.9.9.9',
      },
      body: new URLSearchParams({ email, password: PASSWORD, next: '/' }).toString(),
    });
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('session='))
      ?.split(';')[0];
    if (!cookie) throw new Error(`bench login of ${email} failed with ${res.status}`);
    return { headers: { Cookie: cookie } };
  }
  // bench0 is a member with progress on every lesson; bench500 a signed-in learner without membership.
  const member = await logIn('bench0@example.com');
  const ledgerMember = await logIn('bench1@example.com');
  const signedIn = await logIn('bench500@example.com');
  const teamManager = await logIn('bench3@example.com');
  const teamReports = (await fetch(`${origin}/teams`, { ...teamManager, redirect: 'manual' })).headers.get(
    'location',
  );
  const memberLesson = lessonLinks.find((href) => !href.endsWith(freeLesson)) ?? freeLesson;
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
  const submissionId = () =>
    Array.from({ length: 26 }, () => ALPHABET[Math.floor(Math.random() * 32)]).join('');
  const quizBody = () =>
    new URLSearchParams([
      ['lesson', QUIZ_SLUG],
      ['submission', submissionId()],
      ...Object.entries(quizAnswers).flatMap(([q, options]) => options.map((o) => [`q-${q}`, o])),
    ]).toString();

  // bench0 takes the assessment once, through its pages, so the result page has a profile to show.
  const itemIds = [
    ...readFileSync(join(ROOT, 'content/assessment/items.yaml'), 'utf8').matchAll(/id: ([a-z-]+-\d+)/g),
  ].map((m) => m[1]);
  const post = (path, body) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...member.headers, 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(body).toString(),
    });
  // items.yaml lists the statements in the order shown, six to a page (decision 020).
  for (let step = 1; step <= 6; step++) {
    const ids = itemIds.slice((step - 1) * 6, step * 6);
    await post(`/assessment/${step}?_action=assessment.savePage`, [
      ['step', String(step)],
      ...ids.map((id, i) => [`item-${id}`, String(1 + ((i + step) % 5))]),
      ['go', 'next'],
    ]);
  }
  const submitted = await post('/assessment/review?_action=assessment.submit', [
    ['submission', submissionId()],
  ]);
  const resultPath = submitted.headers.get('location');
  if (!resultPath?.startsWith('/assessment/results/'))
    throw new Error(`bench assessment failed: ${submitted.status}`);

  const pages = [
    {
      name: 'floor (bare Astro SSR page)',
      server: floor,
      url: `http://127.0.0.1:${FLOOR_PORT}/`,
      target: null,
    },
    {
      name: 'free lesson (anonymous)',
      server: app,
      url: `http://127.0.0.1:${APP_PORT}${freeLesson}`,
      target: 0.8,
    },
    { name: 'course outline', server: app, url: `http://127.0.0.1:${APP_PORT}/lessons`, target: 0.8 },
    {
      name: 'search (anonymous)',
      server: app,
      url: `http://127.0.0.1:${APP_PORT}/search?q=promise`,
      target: null,
    },
    { name: 'home (anonymous)', server: app, url: `http://127.0.0.1:${APP_PORT}/`, target: null },
    {
      name: 'free lesson (logged in)',
      server: app,
      url: `${origin}${freeLesson}`,
      target: 0.8,
      request: signedIn,
    },
    {
      name: 'home (logged-in member: session lookup, member nav)',
      server: app,
      url: `${origin}/`,
      target: 0.8,
      request: member,
    },
    {
      name: 'member lesson (logged-in member)',
      server: app,
      url: `${origin}${memberLesson}`,
      target: 0.8,
      request: member,
    },
    {
      name: 'dashboard (member, 100k learners, 5M rows)',
      server: app,
      url: `${origin}/dashboard`,
      target: 0.6,
      request: member,
    },
    {
      // A query string makes the page a one-off: rendered from the database every time, never cached.
      name: 'dashboard rendered every request (member)',
      server: app,
      url: `${origin}/dashboard?view=uncached`,
      target: null,
      request: member,
    },
    {
      name: 'team reports (manager, 200 reps)',
      server: app,
      url: `${origin}${teamReports}/reports`,
      target: 0.6,
      request: teamManager,
    },
    {
      name: 'ledger today view (member, 200 customers, 5,000 promises)',
      server: app,
      url: `${origin}/ledger`,
      target: 0.6,
      request: ledgerMember,
    },
    {
      name: 'booster review page (member, a deck of every quiz question, a year of reviews)',
      server: app,
      url: `${origin}/review`,
      target: null,
      request: member,
    },
    {
      name: 'assessment result page (member)',
      server: app,
      url: `${origin}${resultPath}`,
      target: 0.6,
      request: member,
    },
    {
      name: 'assessment result rendered every request (member)',
      server: app,
      url: `${origin}${resultPath}?view=uncached`,
      target: null,
      request: member,
    },
    {
      name: 'gap report (member, 4 survey rounds, 40 responses)',
      server: app,
      url: `${origin}/survey`,
      target: 0.6,
      request: member,
    },
    {
      name: 'quiz submit POST (member)',
      server: app,
      url: `${origin}/lessons/${QUIZ_SLUG}/quiz?_action=learning.submitQuiz`,
      target: null,
      request: {
        method: 'POST',
        okStatus: 303,
        requests: [
          {
            method: 'POST',
            // A fresh submission id each time: every request is a new graded attempt, not a duplicate.
            setupRequest: (req) => ({
              ...req,
              headers: {
                ...member.headers,
                'Content-Type': 'application/x-www-form-urlencoded',
                Origin: origin,
              },
              body: quizBody(),
            }),
          },
        ],
      },
    },
    {
      // Each connection starts a run of the free conversation, then answers its first turn: one start POST
      // and one turn POST in turn (a turn needs a run at that turn), both answered 303.
      name: 'conversation start + turn POST (member)',
      server: app,
      url: `${origin}/practice/the-inherited-promise`,
      target: null,
      request: {
        method: 'POST',
        okStatus: 303,
        requests: [
          {
            method: 'POST',
            path: '/practice/the-inherited-promise?_action=conversations.start',
            setupRequest: (req) => ({
              ...req,
              headers: {
                ...member.headers,
                'Content-Type': 'application/x-www-form-urlencoded',
                Origin: origin,
              },
              body: new URLSearchParams({
                slug: 'the-inherited-promise',
                submission: submissionId(),
              }).toString(),
            }),
            onResponse: (_status, _body, context, headers) => {
              context.run = /\/([a-z2-7]{26})$/.exec(headers.location ?? headers.Location ?? '')?.[1] ?? '';
            },
          },
          {
            method: 'POST',
            setupRequest: (req, context) => ({
              ...req,
              path: `/practice/the-inherited-promise/${context.run}?_action=conversations.reply`,
              headers: {
                ...member.headers,
                'Content-Type': 'application/x-www-form-urlencoded',
                Origin: origin,
              },
              body: new URLSearchParams({ run: context.run, step: '0', turn: 't1', reply: 'b' }).toString(),
            }),
          },
        ],
      },
    },
    {
      name: 'account page (logged in)',
      server: app,
      url: `${origin}/account`,
      target: null,
      request: signedIn,
    },
    {
      name: 'login POST (argon2id)',
      server: app,
      url: `${origin}/login?_action=accounts.logIn`,
      target: null,
      request: {
        method: 'POST',
        okStatus: 303,
        connections: 8,
        requests: [
          {
            method: 'POST',
            // Rotate accounts and client addresses so the measurement is argon2, not the rate limiter.
            setupRequest: (req) => {
              const n = Math.floor(Math.random() * BENCH_USERS);
              const ip = `10.${n}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
              return {
                ...req,
                headers: {
                  'Content-Type': 'application/x-www-form-urlencoded',
                  Origin: origin,
                  'X-Forwarded-For': ip,
                },
                body: new URLSearchParams({
                  email: `bench${n}@example.com`,
                  password: PASSWORD,
                  next: '/',
                }).toString(),
              };
            },
          },
        ],
      },
    },
  ];

  // BENCH_PAGES=lesson,dashboard measures only the pages whose names contain one of the words (and the floor).
  const only = (process.env.BENCH_PAGES ?? '').split(',').filter(Boolean);
  const chosen = pages.filter((p, i) => i === 0 || only.length === 0 || only.some((w) => p.name.includes(w)));
  const results = [];
  for (const page of chosen) {
    await load(page.url, WARMUP, page.request);
    const r = await load(page.url, DURATION, page.request);
    results.push({
      page: page.name,
      url: page.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
      ...r,
      ...memoryMb(page.server.pid),
      target: page.target,
    });
    process.stdout.write(`measured ${page.name}\n`);
  }
  const floorRps = results[0].rps;
  for (const r of results) r.ratio = Math.round((r.rps / floorRps) * 100) / 100;

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    tool: useWrk ? 'wrk' : 'autocannon',
    connections: CONNECTIONS,
    seconds: DURATION,
    cpus: (await import('node:os')).cpus().length,
    results,
  };
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);

  const fmt = (n, d = 1) => (n === null || n === undefined ? '—' : Number(n).toFixed(d));
  console.log(
    `\n${report.tool}, ${CONNECTIONS} connections, ${DURATION} s per page after ${WARMUP} s warm-up, Node ${process.version}`,
  );
  console.log(
    'page                            req/s    p50 ms   p99 ms  errors  RSS MB  peak MB  × floor  target',
  );
  for (const r of results) {
    console.log(
      `${r.page.padEnd(30)} ${fmt(r.rps, 0).padStart(7)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.rssMb).padStart(7)} ${String(r.peakRssMb).padStart(8)} ${fmt(r.ratio, 2).padStart(8)}  ${r.target ? `≥ ${r.target}` : ''}`,
    );
  }
} finally {
  app.kill('SIGTERM');
  floor.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
}
