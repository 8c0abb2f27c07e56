/** Module hooks for src/cli/astro-env.mjs: `astro:env/server` becomes a module of the validated values. */
const VIRTUAL = 'astro-env:server';
const values = new URL('./astro-env-values.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'astro:env/server') return { url: VIRTUAL, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url !== VIRTUAL) return next(url, context);
  const { default: config } = await import(new URL('../../astro.config.mjs', import.meta.url).href);
  const source = [
    `import { env } from ${JSON.stringify(values)};`,
    ...Object.keys(config.env.schema).map((name) => `export const ${name} = env[${JSON.stringify(name)}];`),
  ].join('\n');
  return { format: 'module', source, shortCircuit: true };
}
