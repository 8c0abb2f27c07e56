/** The account page's list of where the person is logged in: this device first, the most recent others, the rest counted. */
import { sessions } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const DAY = 86_400_000;

describe('where you’re logged in', () => {
  it('lists this device and the seven most recent others, and counts the older ones', async () => {
    const { v, userId } = await ctx.person();
    const now = Date.now();
    // Eleven more sessions, one a day older each.
    for (let i = 1; i <= 11; i++) {
      await ctx.db.insert(sessions).values({
        id: newId(),
        userId,
        createdAt: new Date(now - i * DAY),
        expiresAt: new Date(now + 20 * DAY),
        userAgent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/13${i}.0`,
      });
    }
    const html = await (await v.get('/account')).text();
    const list = html.slice(
      html.indexOf('class="session-list"'),
      html.indexOf('</ul>', html.indexOf('class="session-list"')),
    );
    expect(list.match(/<li/g)).toHaveLength(8);
    expect(list.indexOf('This device')).toBeGreaterThan(-1);
    expect(list.indexOf('This device')).toBeLessThan(list.indexOf('Firefox'));
    const text = visibleText(html);
    expect(text).toContain('And 4 older sessions on other devices or browsers.');
    expect(text).toContain('Log out everywhere else');
  });
});
