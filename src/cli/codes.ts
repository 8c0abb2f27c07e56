/** `npm run codes -- <command>` (see codes-commands.ts): the environment hooks first, so the commands can use the server's services. */
import './astro-env.mjs';

await import('./codes-commands');
