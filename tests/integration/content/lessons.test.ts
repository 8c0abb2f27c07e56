import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugFromId } from '../../../src/lib/content/course';
import { lessonSchema } from '../../../src/lib/content/schema';
import { plainText } from '../../../src/lib/content/text';
import { typesetText } from '../../../src/lib/content/typography';
import { readLessonFiles, splitAtPreview } from '../../support/lessons';
import { phrases, visibleText } from '../../support/phrases';
import { ROOT, type RunningServer, startServer } from '../../support/server';

/** Each lesson file, its front matter as the pages show it (typeset: curly quotes and apostrophes). */
const files = readLessonFiles().map((f) => {
  const data = lessonSchema.parse(f.frontmatter);
  return {
    ...f,
    data: {
      ...data,
      title: typesetText(data.title),
      summary: typesetText(data.summary),
      objectives: data.objectives.map(typesetText),
    },
    slug: slugFromId(f.id),
  };
});
const freeLesson = files.find((f) => f.data.free);
const memberLessons = files.filter((f) => !f.data.free);
const memberLesson = memberLessons[0];
if (!freeLesson || !memberLesson) throw new Error('the course needs free and member lessons');

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const get = (path: string, init?: RequestInit) =>
  fetch(`${server.origin}${path}`, { redirect: 'manual', ...init });

describe('lesson pages', () => {
  it('serves a free lesson with its body', async () => {
    const res = await get(`/lessons/${freeLesson.slug}`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain(freeLesson.data.title);
    for (const phrase of phrases(freeLesson)) expect(text).toContain(phrase);
  });

  it.each(memberLessons.map((l) => [l.slug, l] as const))(
    'shows an anonymous visitor %s’s title, objectives and opening as a preview, and nothing of the rest (decision 014)',
    async (_slug, lesson) => {
      const res = await get(`/lessons/${lesson.slug}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const html = await res.text();
      const text = visibleText(html);
      expect(text).toContain(lesson.data.title);
      expect(text).toContain(lesson.data.summary);
      for (const objective of lesson.data.objectives) expect(text).toContain(objective);
      const { opening, rest } = splitAtPreview(lesson);
      for (const phrase of phrases(opening, 7, 2)) expect(text).toContain(phrase);
      expect(text).toContain('You are reading a preview');
      expect(text).toContain('This lesson is for members');
      expect(text).toContain('The preview ends here');
      // A run the lesson also says in its opening (a repeated phrase) is shown by right.
      const shown = plainText(opening.body).replace(/\s+/g, ' ');
      const hidden = phrases(rest, 6, 12).filter((p) => !shown.includes(p));
      expect(hidden.length).toBeGreaterThan(8);
      for (const phrase of hidden) expect(html).not.toContain(phrase);
      // The way in: sign up or log in and come back, the plans.
      expect(html).toContain('href="/pricing"');
    },
  );

  it('answers a visitor with the paywall page itself, not a redirect: log in or sign up and come back (decision 014)', async () => {
    const res = await get(`/lessons/${memberLesson.slug}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    const back = encodeURIComponent(`/lessons/${memberLesson.slug}`);
    expect(html).toContain(`href="/login?next=${back}"`);
    expect(html).toContain(`href="/signup?next=${back}"`);
  });

  it.each([
    ['upper case', (s: string) => `/lessons/${s.toUpperCase()}`],
    [
      'percent-encoded',
      (s: string) => `/lessons/${[...s].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`,
    ],
    ['trailing slash', (s: string) => `/lessons/${s}/`],
    ['doubled slashes', (s: string) => `//lessons//${s}`],
    ['dot segment', (s: string) => `/lessons/./${s}`],
    ['query string', (s: string) => `/lessons/${s}?member=1&free=true`],
  ])('never leaks a member lesson body through another spelling of its path (%s)', async (_name, spell) => {
    const res = await get(spell(memberLesson.slug), {
      headers: { 'X-Forwarded-For': '127.0.0.1', 'X-Forwarded-Host': 'admin.local', Host: 'localhost' },
    });
    const html = await res.text();
    for (const phrase of phrases(splitAtPreview(memberLesson).rest)) expect(html).not.toContain(phrase);
  });

  it('answers 404 with a helpful page for an unknown lesson', async () => {
    const res = await get('/lessons/no-such-lesson');
    expect(res.status).toBe(404);
    const text = visibleText(await res.text());
    expect(text).toContain('We couldn’t find that page'.replace('’', "'"));
    expect(text).toContain('Search the lessons instead');
  });

  it('lists every lesson on the outline with its access badge', async () => {
    const text = visibleText(await (await get('/lessons')).text());
    for (const f of files) expect(text).toContain(f.data.title);
    expect(text).toMatch(/Free/);
    expect(text).toMatch(/Members/);
  });
});

describe('the built client assets', () => {
  function* walk(dir: string): Generator<string> {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) yield* walk(path);
      else yield path;
    }
  }

  it('contain no sentence of any member lesson', () => {
    const assets = [...walk(join(ROOT, 'dist/client'))].map((p) => ({ p, text: readFileSync(p, 'latin1') }));
    expect(assets.length).toBeGreaterThan(0);
    for (const lesson of memberLessons) {
      for (const phrase of phrases(lesson, 6, 8)) {
        const leaks = assets.filter((a) => a.text.includes(phrase)).map((a) => a.p);
        expect(leaks, `${lesson.id}: "${phrase}"`).toEqual([]);
      }
    }
  });
});

describe('search', () => {
  /** A word found in member-lesson bodies and nowhere an anonymous visitor may search (stem-safe). */
  function memberOnlyWord(): string {
    const publicText = [
      ...files.filter((f) => f.data.free).map((f) => f.body),
      ...files.map((f) => [f.data.title, f.data.summary, ...f.data.objectives].join(' ')),
    ]
      .join(' ')
      .toLowerCase();
    const publicStems = new Set((publicText.match(/[a-z]{5,}/g) ?? []).map((w) => w.slice(0, 5)));
    for (const lesson of memberLessons) {
      for (const word of lesson.body.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? []) {
        if (!publicStems.has(word.slice(0, 5))) return word;
      }
    }
    throw new Error('no member-only word found');
  }

  it('quotes a free lesson with a highlighted snippet', async () => {
    const word =
      phrases(freeLesson)[1]
        ?.split(' ')
        .find((w) => w.length > 5) ?? '';
    const res = await get(`/search?q=${encodeURIComponent(word)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<mark>${word}</mark>`, 'i'));
  });

  it('returns no snippet from a member lesson body to an anonymous visitor', async () => {
    const word = memberOnlyWord();
    const html = await (await get(`/search?q=${encodeURIComponent(word)}`)).text();
    expect(html).not.toContain('<mark>');
    expect(visibleText(html)).toContain('No lessons match those words.');
  });

  it('finds a member lesson by its title for everyone', async () => {
    const html = await (await get(`/search?q=${encodeURIComponent(memberLesson.data.title)}`)).text();
    expect(html).toContain(`href="/lessons/${memberLesson.slug}"`);
  });

  it('treats search syntax and hostile input as plain words', async () => {
    for (const q of ['"', 'NEAR(', '*', '"><script>alert(1)</script>', 'a'.repeat(5000), '\u0000\u0002']) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q.slice(0, 20)).toBe(200);
      const html = await res.text();
      // The query is echoed escaped: it can neither close the input's attribute nor open an element.
      expect(html).not.toContain('"><script>');
      expect(html).not.toMatch(/<h1>[^<]*<script>/);
    }
  });
});
