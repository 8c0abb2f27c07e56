/** Liveness and readiness: is the process up, and can it serve (database reachable, schema current, not draining)? */
import { isEmbedded } from '@db/client';
import { config, stripeSettings } from '../platform/config';
import { client, expectedMigrationCount } from '../platform/db';
import { isDraining } from '../platform/lifecycle';
import { startApp } from '../platform/startup';
import { ensureSearchIndex } from '../search/service';

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function readiness(): Promise<Readiness> {
  if (isDraining()) return { ready: false, reason: 'shutting down' };
  if (stripeSettings && 'missing' in stripeSettings)
    return { ready: false, reason: `${stripeSettings.missing} is required when STRIPE_SECRET_KEY is set` };
  try {
    // The first check starts the app (migrations, seed, loops); later ones find it started.
    await startApp();
    const c = await client();
    // Reads the file's header and schema afresh (the schema cookie is checked on every read
    // transaction), so an unreadable or replaced file fails here. Not `quick_check`: that reads every
    // page, about 1.3 s of blocked event loop on a 1.2 GB database, on every probe.
    await c.execute('PRAGMA schema_version');
    // The settings every connection must keep (QUALITY.md: still in force after 10,000 transactions).
    const foreignKeys = await c.execute('PRAGMA foreign_keys');
    if (Number(foreignKeys.rows[0]?.[0]) !== 1) return { ready: false, reason: 'foreign keys are off' };
    if (isEmbedded(config.databaseUrl)) {
      const mode = await c.execute('PRAGMA journal_mode');
      if (mode.rows[0]?.[0] !== 'wal') return { ready: false, reason: 'the database is not in WAL mode' };
    }
    const applied = await c.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    const count = Number(applied.rows[0]?.['n'] ?? 0);
    const expected = expectedMigrationCount();
    if (count < expected) return { ready: false, reason: `migrations applied: ${count} of ${expected}` };
    await ensureSearchIndex();
    return { ready: true };
  } catch (error) {
    return {
      ready: false,
      reason: `database unavailable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
