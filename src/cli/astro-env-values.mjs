/** The environment checked against astro.config.mjs's schema, with its defaults; a bad value stops the tool, naming it. */
import { validateEnvVariable } from 'astro/env/runtime';
import config from '../../astro.config.mjs';

export const env = {};
for (const [name, field] of Object.entries(config.env.schema)) {
  const result = validateEnvVariable(process.env[name], field);
  if (!result.ok)
    throw new Error(`The environment variable ${name} is not valid (${result.errors.join(', ')}).`);
  env[name] = result.value;
}
