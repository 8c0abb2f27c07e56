/** The routes of the build, read from what `astro build` wrote (its serialized manifest in dist/server). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server';

/** Every route pattern of the build: `/admin/learners/[id]`, `/ledger/export.csv`, … */
export function builtRoutePatterns(): string[] {
  const dir = join(ROOT, 'dist/server/chunks');
  const routes = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.mjs')) continue;
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(
      /"route":"(\/[^"]*)","isIndex":(?:true|false),"type":"(?:page|endpoint)"/g,
    ))
      if (m[1]) routes.add(m[1]);
  }
  return [...routes].sort();
}

/** A path of `route` with sample values for its parameters. */
export function samplePath(route: string): string {
  return route
    .replace('[slug]', 'punctuality-and-follow-up')
    .replace('[plan]', 'monthly')
    .replace('[step]', '1')
    .replace(/\[[a-z]+\]/g, 'abcdefghijklmnopqrstuvwxyz');
}

/** Every route of the build, with sample values for its parameters. */
export function builtRoutes(): string[] {
  return builtRoutePatterns().map(samplePath);
}
