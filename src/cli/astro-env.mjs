/**
 * Lets the command-line tools import the server's own services: `astro:env/server` resolves to the
 * environment validated against the schema in astro.config.mjs, as the built server has it. Loaded with
 * `tsx --import ./src/cli/astro-env.mjs`. (Asynchronous hooks, as tsx's own are.)
 */
import { register } from 'node:module';

register('./astro-env-hooks.mjs', import.meta.url);
