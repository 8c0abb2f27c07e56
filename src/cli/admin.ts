/** `npm run admin -- <command>` (see admin-commands.ts): the environment hooks first, so the commands can use the server's services. */
import './astro-env.mjs';

await import('./admin-commands');
