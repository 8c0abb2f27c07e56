/** The Node flags `npm start` serves with (package.json `config`, decision 018): tests serve the same way. */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  config: { server_node_flags: string };
};

export const SERVER_NODE_FLAGS: readonly string[] = pkg.config.server_node_flags.split(' ').filter(Boolean);
