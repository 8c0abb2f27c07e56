/**
 * The bibliography entry schema (`content/sources/<id>.yaml`, one file per source, the id is the file
 * name): the reference for authors of lessons. Strict: an unknown field, or a field that does not belong
 * to the entry's kind, is an error.
 */
import { z } from 'astro/zod';

export const SOURCE_KINDS = ['article', 'book', 'chapter', 'report', 'web'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** `Surname, I. N.` — or an organisation's name as one string. */
const person = z.string().trim().min(2).max(120);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Which optional fields each kind may carry, and which it must. */
const FIELDS: Record<SourceKind, { required: readonly string[]; allowed: readonly string[] }> = {
  article: { required: ['container', 'volume', 'pages'], allowed: ['issue'] },
  book: { required: ['publisher'], allowed: ['edition'] },
  chapter: { required: ['container', 'publisher'], allowed: ['editors', 'pages', 'edition'] },
  report: { required: ['publisher'], allowed: ['container'] },
  web: { required: ['container', 'url'], allowed: [] },
};

/** What each optional field is called in an error message. */
const FIELD_NAMES: Record<string, string> = {
  container: 'a container (the journal, book title, website or series)',
  volume: 'a volume',
  issue: 'an issue',
  pages: 'pages',
  publisher: 'a publisher',
  editors: 'editors',
  edition: 'an edition',
  url: 'a url',
};

const KIND_NAMES: Record<SourceKind, string> = {
  article: 'an article',
  book: 'a book',
  chapter: 'a chapter',
  report: 'a report',
  web: 'a web page',
};

export const sourceSchema = z
  .object({
    /** What the entry is: a journal article, a book, a chapter in an edited book, a report or a web page. */
    kind: z.enum(SOURCE_KINDS),
    /** In order, each `"Surname, I. N."` (quoted); an organisation as one string. */
    authors: z.array(person).min(1).max(20),
    /** Year of publication. */
    year: z.number().int().min(1800).max(2100),
    /** The exact title, in sentence case as published (a book's or report's title is set in italics). */
    title: text(300),
    /** The journal (article), the book's title (chapter), the website (web) or the series (report); never for a book. */
    container: text(200).optional(),
    /** Chapter only: the book's editors, each `"Surname, I. N."`; an empty list means none. */
    editors: z.array(person).max(20).optional(),
    /** Article: the journal volume, as a string (`"20"`). */
    volume: text(20).optional(),
    /** Article: the issue number, as a string (`"3"`). */
    issue: text(20).optional(),
    /** Article or chapter: the page range, with an en dash (`709–734`). */
    pages: text(30).optional(),
    /** Book or chapter, when not the first: `2nd`, `3rd`, `Rev.` … */
    edition: text(20).optional(),
    /** Book, chapter or report: who published it. */
    publisher: text(200).optional(),
    /** Optional (required for web pages): a DOI link or the publisher's page, https. */
    url: z
      .url({ protocol: /^https$/, error: 'use an https link (a DOI link where there is one)' })
      .optional(),
    /** What the course takes from the source, in one or two of the course's own sentences. */
    note: text(600),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const fields = FIELDS[entry.kind];
    const present = (key: string): boolean => {
      const value = (entry as Record<string, unknown>)[key];
      return Array.isArray(value) ? value.length > 0 : value !== undefined;
    };
    for (const key of fields.required) {
      if (!present(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${KIND_NAMES[entry.kind]} needs ${FIELD_NAMES[key]}`,
        });
      }
    }
    for (const key of Object.keys(FIELD_NAMES)) {
      if (key === 'url' || fields.required.includes(key) || fields.allowed.includes(key)) continue;
      if (present(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${KIND_NAMES[entry.kind]} has no ${key}; remove the field`,
        });
      }
    }
  });

export type Source = z.infer<typeof sourceSchema>;

/** The id rule for a source file name: kebab-case `firstauthor-year`, `firstauthor-coauthor-year`… */
export const SOURCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
