// Compiles the command-line tools (`npm run admin`, `codes`, `billing`, `db:backup`) into dist/cli/, once
// per build, so a person at a terminal (and the tests) starts them without a TypeScript compiler: each
// starts in a fraction of a second of CPU instead of seconds under tsx. `npm run build` runs it after
// `astro build`; src/cli/run.mjs runs it too when a tool's sources changed since (see there).
//
// Everything is bundled into one file per tool except native addons; `astro:env/server` becomes the environment
// validated against the schema in astro.config.mjs with Astro's own validator, as the built server has it:
// the schema is read from the config at build time, the values at run time.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The tools, by the name `npm run` and src/cli/run.mjs know them. */
export const TOOLS = {
  admin: 'src/cli/admin-commands.ts',
  codes: 'src/cli/codes-commands.ts',
  billing: 'src/cli/billing-commands.ts',
  backup: 'src/cli/backup.ts',
};
/** Packages with native code (or native loaders) that must be loaded from node_modules as they are. */
const NATIVE = ['libsql', '@libsql/*', '@node-rs/*', 'pino', 'thread-stream'];
export const OUT_DIR = 'dist/cli';
/** Lists every source file each tool was built from, for run.mjs's freshness check. */
export const META_FILE = `${OUT_DIR}/meta.json`;

async function envModule() {
  const { default: config } = await import(new URL('../../astro.config.mjs', import.meta.url).href);
  const names = Object.keys(config.env.schema);
  return [
    "import { readEnv } from './src/cli/env.mjs';",
    `const env = readEnv(${JSON.stringify(config.env.schema)});`,
    ...names.map((name) => `export const ${name} = env[${JSON.stringify(name)}];`),
  ].join('\n');
}

const astroEnv = {
  name: 'astro-env',
  setup(b) {
    b.onResolve({ filter: /^astro:env\/server$/ }, () => ({
      path: 'astro:env/server',
      namespace: 'astro-env',
    }));
    b.onLoad({ filter: /.*/, namespace: 'astro-env' }, async () => ({
      contents: await envModule(),
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

export async function buildTools() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: TOOLS,
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Native addons stay in node_modules; the rest is bundled, which starts several times faster than
    // Node resolving and reading the hundreds of files of the Stripe SDK, zod, drizzle and the mailer.
    external: NATIVE,
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // The services' development-only branches (Astro's dev server) are dead code here.
    define: { 'import.meta.env.DEV': 'false', 'import.meta.env.PROD': 'true' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [astroEnv],
  });
  // Our own sources, the config the schema came from, and the lock file for the bundled packages.
  const own = Object.keys(result.metafile.inputs).filter(
    (file) => !file.startsWith('astro-env:') && !file.startsWith('node_modules/'),
  );
  const inputs = [...own, 'astro.config.mjs', 'package-lock.json'];
  writeFileSync(`${ROOT}/${META_FILE}`, JSON.stringify({ inputs }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildTools();
