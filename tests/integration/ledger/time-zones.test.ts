/**
 * Time zones enter only as the canonical names the settings list shows: other spellings of a listed
 * zone are stored as that zone, offsets are refused, and a zone stored before this rule is read as
 * its canonical name (or, unusable, the member is asked to choose again).
 */
import { ledgerSettings } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useLearningServer } from '../../support/learning';
import { postLedger } from '../../support/ledger';

const ctx = useLearningServer();

const storedZone = async (userId: string) =>
  (await ctx.db.select().from(ledgerSettings).where(eq(ledgerSettings.userId, userId)))[0]?.timeZone;
const selectedZone = (html: string) => /<option value="([^"]+)" selected>/.exec(html)?.[1];

describe('ledger time zones', () => {
  it.each([
    ['eUROPE/bERLIN', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['US/Eastern', 'America/New_York'],
    ['Etc/UTC', 'UTC'],
    ['utc', 'UTC'],
    [' Europe/Berlin ', 'Europe/Berlin'],
  ])('stores %s as the listed zone %s, and the page shows it chosen', async (spelling, canonical) => {
    const { v, userId } = await ctx.person();
    const res = await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', spelling],
    ]);
    expect(res.status).toBe(303);
    expect(await storedZone(userId)).toBe(canonical);
    expect(selectedZone(await (await v.get('/ledger/settings')).text())).toBe(canonical);
  });

  it.each(['+01:00', '-0530', 'Etc/GMT+5', 'Mars/Olympus', 'Europe/Berlin ', 'x'.repeat(65)])(
    'refuses %s with a clear message and stores nothing',
    async (spelling) => {
      const { v, userId } = await ctx.person();
      const res = await postLedger(v, '/ledger/settings', [
        ['intent', 'settings'],
        ['timeZone', spelling],
      ]);
      if (spelling === 'Europe/Berlin ') {
        // Surrounding spaces are trimmed like every other field: that is Europe/Berlin.
        expect(res.status).toBe(303);
        expect(await storedZone(userId)).toBe('Europe/Berlin');
        return;
      }
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Choose a time zone from the list');
      expect(await storedZone(userId)).toBeUndefined();
    },
  );

  it('reads a zone stored in another spelling as its listed name, so saving again keeps it', async () => {
    const { v, userId } = await ctx.person();
    await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'UTC'],
    ]);
    await ctx.db
      .update(ledgerSettings)
      .set({ timeZone: 'asia/TOKYO' })
      .where(eq(ledgerSettings.userId, userId));
    const html = await (await v.get('/ledger/settings')).text();
    expect(selectedZone(html)).toBe('Asia/Tokyo');
    expect(html).not.toContain('Not saved yet');
    expect(await (await v.get('/ledger')).text()).not.toContain('Times are shown in asia/TOKYO');
  });

  it('asks again for a zone stored as an offset, instead of silently showing another', async () => {
    const { v, userId } = await ctx.person();
    await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'UTC'],
    ]);
    await ctx.db.update(ledgerSettings).set({ timeZone: '+05:00' }).where(eq(ledgerSettings.userId, userId));
    const html = await (await v.get('/ledger/settings')).text();
    expect(html).toContain('Not saved yet');
    expect(html).not.toContain('+05:00');
  });
});
