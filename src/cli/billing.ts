/** `npm run billing -- <command>` (see billing-commands.ts): the environment hooks first, so the commands can use the server's services. */
import './astro-env.mjs';

await import('./billing-commands');
