// `npm run admin|codes|billing|db:backup -- …`: runs the compiled tool from dist/cli/ (src/cli/build.mjs),
// compiling it first when it is missing or older than any source it was built from, so a fresh clone and
// an edited source both work without a full `npm run build`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// V8 keeps the compiled bundle on disk (Node's compile cache, in the OS temp folder): every start after the
// first skips parsing and compiling it.
enableCompileCache?.();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
const TOOL_NAMES = ['admin', 'codes', 'billing', 'backup'];
if (!TOOL_NAMES.includes(name ?? '')) {
  console.error(`Usage: node src/cli/run.mjs <${TOOL_NAMES.join('|')}> [arguments]`);
  process.exit(2);
}
const bundle = `${ROOT}dist/cli/${name}.mjs`;
const meta = `${ROOT}dist/cli/meta.json`;

function stale() {
  if (!existsSync(bundle) || !existsSync(meta)) return true;
  const built = statSync(bundle).mtimeMs;
  const { inputs } = JSON.parse(readFileSync(meta, 'utf8'));
  return inputs.some((file) => {
    const path = `${ROOT}${file}`;
    return !existsSync(path) || statSync(path).mtimeMs > built;
  });
}

if (stale()) {
  const { buildTools } = await import('./build.mjs');
  await buildTools();
}
process.argv = [process.argv[0] ?? 'node', bundle, ...args];
await import(pathToFileURL(bundle).href);
