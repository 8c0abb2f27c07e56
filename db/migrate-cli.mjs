// `npm run db:migrate`: apply drizzle-kit migrations to DATABASE_URL without starting the server.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';

const url = process.env.DATABASE_URL ?? 'file:./data/academy.db';
if (url.startsWith('file:') && !url.startsWith('file::memory:'))
  mkdirSync(dirname(url.slice(5)), { recursive: true });
const client = createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN, timeout: 5000 });
await migrate(drizzle(client), { migrationsFolder: new URL('./migrations', import.meta.url).pathname });
console.log(`Migrations applied to ${url.replace(/\/\/[^@]*@/, '//')}`);
client.close();
