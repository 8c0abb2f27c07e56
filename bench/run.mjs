// `npm run bench`: the load benchmark of QUALITY.md. Builds the app and the bare Astro "floor" app, starts
// each as one process on loopback, loads every page from this (second) process for a warm-up and then
// a measured run, and reports req/s, p50, p99, errors, the server's RSS and each page's ratio to the floor.
// Results go to bench/results.json. Figures only: nothing here passes or fails.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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

function start(script, port, extraEnv) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function parseWrkLatency(text, label) {
  const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(text);
  if (!m) return null;
  const factor = { us: 0.001, ms: 1, s: 1000 }[m[2]];
  return Number(m[1]) * factor;
}

async function load(url, seconds, request = {}) {
  if (useWrk && !request.method) {
    const out = execFileSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url], {
      encoding: 'utf8',
    });
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
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, ...request });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const useWrk = !args.has('--autocannon') && hasWrk();

if (!args.has('--no-build')) {
  sh(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build']);
  sh(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', FLOOR]);
}

const dataDir = mkdtempSync(join(tmpdir(), 'academy-bench-'));
const APP_PORT = 4611;
const FLOOR_PORT = 4612;
const app = start('src/server.mjs', APP_PORT, {
  DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
  SITE_URL: `http://127.0.0.1:${APP_PORT}`,
});
const floor = start(join(FLOOR, 'dist/server/entry.mjs'), FLOOR_PORT, {});

try {
  await waitFor(`http://127.0.0.1:${APP_PORT}/readyz`, app);
  await waitFor(`http://127.0.0.1:${FLOOR_PORT}/`, floor);
  const course = await (await fetch(`http://127.0.0.1:${APP_PORT}/lessons`)).text();
  const lessonLinks = [...course.matchAll(/href="(\/lessons\/[a-z0-9-]+)"/g)].map((m) => m[1]);
  const freeLesson = lessonLinks[0];

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
    { name: 'home', server: app, url: `http://127.0.0.1:${APP_PORT}/`, target: null },
  ];

  const results = [];
  for (const page of pages) {
    await load(page.url, WARMUP);
    const r = await load(page.url, DURATION);
    results.push({
      page: page.name,
      url: page.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
      ...r,
      rssMb: rssMb(page.server.pid),
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
  console.log('page                            req/s    p50 ms   p99 ms  errors  RSS MB  × floor  target');
  for (const r of results) {
    console.log(
      `${r.page.padEnd(30)} ${fmt(r.rps, 0).padStart(7)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.rssMb).padStart(7)} ${fmt(r.ratio, 2).padStart(8)}  ${r.target ? `≥ ${r.target}` : ''}`,
    );
  }
} finally {
  app.kill('SIGTERM');
  floor.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
