/** The command-line tools' usage: `--help` prints it and exits 0; an unknown option is one line and the usage, exit 2. */
import { users } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOutcome, type Tool } from '../../support/cli';
import { type TestDatabase, testDatabase } from '../../support/database';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await testDatabase();
  env = { DATABASE_URL: database.url };
});
afterAll(() => database.dispose());

const TOOLS: [Tool, string][] = [
  ['admin', 'npm run admin -- create-admin'],
  ['codes', 'npm run codes -- create <CODE>'],
  ['billing', 'npm run billing -- reconcile'],
];

describe('--help', () => {
  it.each(TOOLS)('npm run %s -- --help prints the usage and exits 0', async (tool, line) => {
    for (const flag of ['--help', '-h']) {
      const out = await runCliOutcome(tool, [flag], env);
      expect(out).toMatchObject({ code: 0, stderr: '' });
      expect(out.stdout).toMatch(/^Usage:/);
      expect(out.stdout).toContain(line);
    }
  });
});

describe('bad options', () => {
  it.each(TOOLS)(
    '%s: an unknown option says which, shows the usage, exits 2, no stack trace',
    async (tool, line) => {
      const out = await runCliOutcome(tool, ['list', '--bogus'], env);
      expect(out.code).toBe(2);
      expect(out.stderr.split('\n')[0]).toBe("Unknown option '--bogus'.");
      expect(out.stderr).toContain(line);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('create-admin --email', () => {
  it('creates the admin from --email as from the positional address', async () => {
    const out = await runCliOutcome(
      'admin',
      ['create-admin', '--email', 'Ops@Example.com', '--name', 'Ops'],
      env,
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Created admin ops@example.com');
    // Which database it wrote to, named first.
    const named = database.url.startsWith('file:') ? database.url.slice('file:'.length) : database.url;
    expect(out.stdout.split('\n')[0]).toBe(`Database: ${named} (DATABASE_URL)`);
    const [row] = await database.db.select().from(users).where(eq(users.email, 'ops@example.com'));
    expect(row).toMatchObject({ role: 'admin', displayName: 'Ops' });
  });

  it('refuses an address given both ways', async () => {
    const out = await runCliOutcome(
      'admin',
      ['create-admin', 'a@example.com', '--email', 'b@example.com'],
      env,
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Give the email address once');
  });
});
