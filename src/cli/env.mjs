// The command-line tools' `astro:env/server` (src/cli/build.mjs inlines the schema): every variable of
// astro.config.mjs's schema, validated with Astro's own validator and defaults, as the built server has
// them. A bad value stops the tool, naming the variable.
import { validateEnvVariable } from 'astro/env/runtime';

export function readEnv(schema) {
  const values = {};
  for (const [name, field] of Object.entries(schema)) {
    const result = validateEnvVariable(process.env[name], field);
    if (!result.ok) {
      console.error(`The environment variable ${name} is not valid (${result.errors.join(', ')}).`);
      process.exit(1);
    }
    values[name] = result.value;
  }
  return values;
}
