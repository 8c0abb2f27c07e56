/**
 * Lets the command-line tools import the server's own services: `astro:env/server` resolves to the
 * environment validated against the schema in astro.config.mjs, as the built server has it. Imported first
 * by each tool's entry, which then imports its commands dynamically. (Asynchronous hooks, as tsx's own are.)
 */
import { register } from 'node:module';

register('./astro-env-hooks.mjs', import.meta.url);
