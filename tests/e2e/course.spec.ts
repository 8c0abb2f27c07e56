import { expect, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';

test('a visitor goes from the home page to the outline, into a free lesson and on to the next', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('trust');
  await page.getByRole('link', { name: 'See the course outline' }).click();

  await expect(page).toHaveURL(/\/lessons$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Course outline' })).toBeVisible();
  const firstFree = page.locator('.lesson-item', { has: page.locator('.badge.free') }).first();
  const title = (await firstFree.getByRole('heading').textContent())?.trim() ?? '';
  await firstFree.getByRole('link').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Course');
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Key takeaways' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This week, try this' })).toBeVisible();

  const next = page.getByRole('link', { name: /Next lesson/ });
  const nextTitle = (await next.locator('.title').textContent())?.trim() ?? '';
  await next.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nextTitle);
});

test('a member lesson shows its outline, its opening as a preview and a clear way forward, but not its body', async ({
  page,
}) => {
  await page.goto('/lessons');
  const memberLesson = page.locator('.lesson-item', { has: page.locator('.badge.members') }).first();
  await memberLesson.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'In this lesson you will learn to' })).toBeVisible();
  await expect(page.locator('#lesson-body')).toHaveCount(0);
  await expect(page.locator('#lesson-preview')).toBeVisible();
  await expect(page.getByText('You are reading a preview: the opening of this lesson.')).toBeVisible();
});

test('lesson pages load no JavaScript at all', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/lessons');
  const hrefs = await page
    .locator('.lesson-item a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs.slice(0, 4)) {
    await page.goto(href ?? '/');
    expect(await page.locator('script').count()).toBe(0);
  }
  expect(scripts).toEqual([]);
});

test('search finds lessons and highlights the words', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Search lessons' }).fill('promise');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=promise/);
  await expect(page.getByRole('status')).toContainText(/lessons? match/);
  await expect(page.locator('.results mark').first()).toBeVisible();
});

test('keyboard users can skip straight to the content', async ({ page }) => {
  await page.goto('/lessons');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the lesson layout fits a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/lessons');
  await page.locator('.lesson-item a').first().click();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

for (const [name, path] of [
  ['home', '/'],
  ['outline', '/lessons'],
  ['search results', '/search?q=trust'],
  ['sources', '/sources'],
  ['not found', '/lessons/no-such-lesson'],
] as const) {
  test(`axe finds no accessibility violations on the ${name} page`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test('axe finds no accessibility violations on a free and a member lesson', async ({ page }) => {
  await page.goto('/lessons');
  for (const badge of ['free', 'members']) {
    await page.goto('/lessons');
    await page
      .locator('.lesson-item', { has: page.locator(`.badge.${badge}`) })
      .first()
      .getByRole('link')
      .click();
    await expectAccessible(page);
  }
});
