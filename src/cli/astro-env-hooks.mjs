/**
 * Module hooks for src/cli/astro-env.mjs: `astro:env/server` becomes a module of the values, checked here
 * against astro.config.mjs's schema with Astro's own validator and defaults; a bad value stops the tool,
 * naming the variable.
 */
const VIRTUAL = 'astro-env:server';

async function source() {
  const [{ default: config }, { validateEnvVariable }] = await Promise.all([
    import(new URL('../../astro.config.mjs', import.meta.url).href),
    import('astro/env/runtime'),
  ]);
  const lines = [];
  for (const [name, field] of Object.entries(config.env.schema)) {
    const result = validateEnvVariable(process.env[name], field);
    if (!result.ok)
      throw new Error(`The environment variable ${name} is not valid (${result.errors.join(', ')}).`);
    lines.push(`export const ${name} = ${JSON.stringify(result.value) ?? 'undefined'};`);
  }
  return lines.join('\n');
}

export async function resolve(specifier, context, next) {
  if (specifier === 'astro:env/server') return { url: VIRTUAL, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url !== VIRTUAL) return next(url, context);
  return { format: 'module', source: await source(), shortCircuit: true };
}
