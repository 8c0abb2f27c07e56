/** My certificates (review item 13): the signed-in person's certificates with their links, or how to earn one. */
import { certificates } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const text = (html: string) => visibleText(html).replace(/\s+/g, ' ');

async function issue(userId: string, scope: string, issuedAt: Date): Promise<string> {
  const id = newId();
  await ctx.db.insert(certificates).values({ id, userId, scope, recipientName: 'Cora Holder', issuedAt });
  return id;
}

describe('/certificates', () => {
  it('asks a visitor to log in first and comes back', async () => {
    const res = await new Visitor(ctx.server.origin, '192.0.2.60').get('/certificates');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcertificates');
  });

  it('says how to earn a certificate when there is none yet, with the progress towards each', async () => {
    const { v } = await ctx.person();
    const res = await v.get('/certificates');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = text(await res.text());
    expect(page).toContain('No certificates yet');
    expect(page).toContain(
      'complete every lesson of the module (read it, mark it read, pass its quiz) and pass one of its practice conversations',
    );
    expect(page).toContain('Foundations module 0 of 6 lessons');
  });

  it('lists my certificates, newest first, each with its page, PDF and link to share, and no one else’s', async () => {
    const { v, userId } = await ctx.person();
    const other = await ctx.person();
    const older = await issue(userId, 'foundations', new Date('2026-11-02T10:00:00Z'));
    const newer = await issue(userId, 'dependability', new Date('2026-11-20T10:00:00Z'));
    const theirs = await issue(other.userId, 'foundations', new Date('2026-11-03T10:00:00Z'));
    const html = await (await v.get('/certificates')).text();
    const page = text(html);
    expect(page).toContain('2 certificates, issued to Cora Holder');
    expect(page.indexOf('Dependability module')).toBeLessThan(page.indexOf('Foundations module · issued'));
    expect(page).toContain('Foundations module · issued 2 November 2026');
    for (const id of [older, newer]) {
      expect(html).toContain(`href="/certificates/${id}"`);
      expect(html).toContain(`href="/certificates/${id}.pdf"`);
      expect(html).toMatch(new RegExp(`value="https?://[^"]+/certificates/${id}"`));
      expect(html).toMatch(
        new RegExp(`href="https://www\\.linkedin\\.com/sharing/share-offsite/\\?url=[^"]+${id}"`),
      );
    }
    expect(html).not.toContain(theirs);
    // The modules left to earn; the earned ones are not listed again.
    expect(page).toContain('Still to earn');
    expect(page).not.toMatch(/Still to earn.*Foundations module \d+ of/);
  });

  it('puts the course certificate first, above newer module certificates, and marks it out', async () => {
    const { v, userId } = await ctx.person();
    await issue(userId, 'course', new Date('2026-11-10T10:00:00Z'));
    await issue(userId, 'rapport', new Date('2026-11-20T10:00:00Z'));
    const html = await (await v.get('/certificates')).text();
    const page = text(html);
    expect(page.indexOf('The whole course')).toBeGreaterThan(-1);
    expect(page.indexOf('The whole course')).toBeLessThan(page.indexOf('Rapport module'));
    expect(html).toMatch(/class="card certificate-card featured/);
  });

  it('is linked from the account page and from My learning once a certificate exists', async () => {
    const { v, userId } = await ctx.person();
    expect(await (await v.get('/account')).text()).toContain('href="/certificates"');
    await issue(userId, 'foundations', new Date());
    expect(await (await v.get('/dashboard')).text()).toContain('href="/certificates"');
  });
});
