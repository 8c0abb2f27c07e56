/**
 * Time zones enter only as the canonical names the settings list shows: other spellings of a listed
 * zone are stored as that zone, offsets are refused, and a zone stored before this rule is read as
 * its canonical name (or, unusable, the member is asked to choose again).
 */
import { ledgerPromises, ledgerSettings } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { postLedger, sub } from '../../support/ledger';
import { visibleText } from '../../support/phrases';

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

async function customerOf(v: Visitor, name: string): Promise<string> {
  const added = await postLedger(v, '/ledger/customers', [sub(), ['name', name]]);
  expect(added.status).toBe(303);
  return /\/ledger\/customers\/([^?]+)/.exec(added.headers.get('location') ?? '')?.[1] ?? '';
}

const inLanguage = async (v: Visitor, path: string, language: string) =>
  (await v.request(path, { headers: { 'Accept-Language': language } })).text();

const promiseNamed = async (text: string) =>
  (await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.text, text)))[0];

describe('before a member chooses a zone', () => {
  it('says plainly that times are in UTC; uncached pages offer a one-region guess, the cached today view never', async () => {
    const { v, userId } = await ctx.person();
    const customer = await customerOf(v, 'Zoe Zone');
    // The today view is kept per person: whatever the browser's language, it holds no guess.
    for (const language of ['de-DE,de;q=0.9', 'en-US,en;q=0.9']) {
      const today = await inLanguage(v, '/ledger', language);
      expect(visibleText(today)).toContain(
        'Times are shown in UTC because you haven’t chosen your time zone yet.',
      );
      expect(today).not.toContain('Europe/Berlin');
      expect(today).toMatch(/<form[^>]*data-zone-offer[^>]*hidden/);
    }
    // A customer's page is rendered per request: a single-clock region's zone is offered to save.
    const german = await inLanguage(v, `/ledger/customers/${customer}`, 'de-DE,de;q=0.9');
    expect(visibleText(german)).toContain('Your browser’s language suggests Europe/Berlin.');
    expect(german).toContain('name="timeZone" value="Europe/Berlin"');
    expect(german).not.toMatch(/<form[^>]*data-zone-offer[^>]*hidden/);
    // en-US: many clocks, no guess; UTC said plainly, and nothing to "check".
    const american = await inLanguage(v, `/ledger/customers/${customer}`, 'en-US,en;q=0.9');
    expect(visibleText(american)).toContain(
      'Times are shown in UTC because you haven’t chosen your time zone yet.',
    );
    expect(american).toMatch(/<form[^>]*data-zone-offer[^>]*hidden/);
    expect(american).not.toContain('suggests');

    // "Use Europe/Berlin" saves the zone alone and goes back to the page, which now says so.
    const used = await postLedger(v, '/ledger/settings', [
      ['intent', 'use'],
      ['timeZone', 'Europe/Berlin'],
      ['back', `/ledger/customers/${customer}`],
    ]);
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe(`/ledger/customers/${customer}?zone=saved`);
    expect(await storedZone(userId)).toBe('Europe/Berlin');
    const after = visibleText(await (await v.get(`/ledger/customers/${customer}?zone=saved`)).text());
    expect(after).toContain('Times are now shown in Europe/Berlin.');
    // The cached today view follows the saved zone on the next request.
    const today = visibleText(await (await v.get('/ledger')).text());
    expect(today).not.toContain('Times are shown in UTC');
    expect(today).toContain('Your time (Europe/Berlin)');
  });

  it('a promise form sends the browser’s zone: its times are read in it and it becomes the member’s zone', async () => {
    const { v, userId } = await ctx.person();
    const customer = await customerOf(v, 'Bruno Browser');
    const res = await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Send the Berlin figures'],
      ['due', '2099-06-10T17:00'],
      ['browserZone', 'Europe/Berlin'],
      ['back', '/ledger'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ledger?saved=promise&zone=saved');
    expect((await promiseNamed('Send the Berlin figures'))?.dueAt.toISOString()).toBe(
      '2099-06-10T15:00:00.000Z',
    );
    expect(await storedZone(userId)).toBe('Europe/Berlin');
    expect(visibleText(await (await v.get('/ledger?saved=promise&zone=saved')).text())).toContain(
      'Times are now shown in Europe/Berlin.',
    );

    // Once chosen, the browser's zone changes nothing: the times are the member's zone.
    await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Second one'],
      ['due', '2099-06-10T17:00'],
      ['browserZone', 'Asia/Tokyo'],
    ]);
    expect((await promiseNamed('Second one'))?.dueAt.toISOString()).toBe('2099-06-10T15:00:00.000Z');
    expect(await storedZone(userId)).toBe('Europe/Berlin');
  });

  it('stays unchosen when a calendar link is made first, so the pages keep offering a zone', async () => {
    const { v } = await ctx.person();
    const made = await postLedger(v, '/ledger/settings', [['intent', 'feed-create']]);
    expect(made.status).toBe(200);
    const settings = await inLanguage(v, '/ledger/settings', 'en-US');
    expect(settings).toContain('Not saved yet: times are shown in UTC');
    expect(settings).toContain('data-browser-zone="fill"');
    expect(visibleText(await (await v.get('/ledger')).text())).toContain('Times are shown in UTC because');
    const data = (await (await v.get('/account/data.json')).json()) as {
      promiseLedger: { settings: { timeZone: string | null } };
    };
    expect(data.promiseLedger.settings.timeZone).toBeNull();
  });

  it('ignores a browser zone that is not a listed zone, and refuses one offered by hand', async () => {
    const { v, userId } = await ctx.person();
    const customer = await customerOf(v, 'Olaf Offset');
    const res = await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Offset promise'],
      ['due', '2099-06-10T17:00'],
      ['browserZone', '+01:00'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ledger?saved=promise');
    expect((await promiseNamed('Offset promise'))?.dueAt.toISOString()).toBe('2099-06-10T17:00:00.000Z');
    expect(await storedZone(userId)).toBeUndefined();
    const refused = await postLedger(v, '/ledger/settings', [
      ['intent', 'use'],
      ['timeZone', 'Mars/Olympus'],
      ['back', '/ledger'],
    ]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose a time zone from the list');
    expect(await storedZone(userId)).toBeUndefined();
  });
});
