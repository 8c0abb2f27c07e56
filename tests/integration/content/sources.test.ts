import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { slugFromId } from '../../../src/lib/content/course';
import { lessonSchema } from '../../../src/lib/content/schema';
import { escapeHtml } from '../../../src/lib/platform/html';
import { citationsBySource } from '../../../src/lib/sources/citations';
import { compareSources, formatReference } from '../../../src/lib/sources/format';
import { sourceSchema } from '../../../src/lib/sources/schema';
import { readLessonFiles } from '../../support/lessons';
import { visibleText } from '../../support/phrases';
import { type RunningServer, startServer } from '../../support/server';

const DIR = fileURLToPath(new URL('../../../content/sources', import.meta.url));
const entries = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({
    id: name.replace(/\.yaml$/, ''),
    data: sourceSchema.parse(parse(readFileSync(join(DIR, name), 'utf8'))),
  }))
  .sort(compareSources);
const lessons = readLessonFiles().map((l) => ({
  slug: slugFromId(l.id),
  body: l.body,
  title: lessonSchema.parse(l.frontmatter).title,
}));
const cited = citationsBySource(lessons);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const get = (path: string) => fetch(`${server.origin}${path}`, { redirect: 'manual' });

/** The `<li>` of one entry on the page. */
function entryHtml(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</li>', start));
}

describe('the /sources page', () => {
  it('is public and lists every entry once, by first author then year, each under its id', async () => {
    const res = await get('/sources');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>Sources<\/h1>/);
    const ids = [...html.matchAll(/<li class="source-entry"[^>]* id="([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(entries.map((e) => e.id));
  });

  it('formats each reference from its fields, with its note, link and the lessons citing it', async () => {
    const html = await (await get('/sources')).text();
    for (const entry of entries) {
      const item = entryHtml(html, entry.id);
      const text = visibleText(item);
      const reference = formatReference(entry.data);
      for (const run of reference) {
        expect(run.italic ? item : text).toContain(
          run.italic ? `<i>${escapeHtml(run.text)}</i>` : run.text.trim(),
        );
      }
      expect(text).toContain(entry.data.note);
      if (entry.data.url) expect(item).toContain(`href="${escapeHtml(entry.data.url)}"`);
      const citing = cited.get(entry.id) ?? [];
      const links = [...item.matchAll(/href="\/lessons\/([a-z0-9-]+)#sources"/g)].map((m) => m[1]);
      expect(links.sort()).toEqual([...citing].sort());
      expect(item.includes('Cited in')).toBe(citing.length > 0);
    }
  });

  it('is linked from the course outline and the footer', async () => {
    const outline = await (await get('/lessons')).text();
    expect(outline.match(/href="\/sources"/g)?.length).toBeGreaterThanOrEqual(2);
    const home = await (await get('/')).text();
    expect(home).toMatch(/<footer[\s\S]*href="\/sources"[\s\S]*<\/footer>/);
  });
});
