/**
 * Bibliography entries formatted APA-style from their fields, and the order of the bibliography. Pure.
 * The reference comes back as runs of text, some in italics, so a page can set them without raw HTML.
 */
import type { Source } from './schema';

export interface Run {
  text: string;
  italic?: true;
}

/** `Mayer, R. C.` → `R. C. Mayer` (editors are named initials first); an organisation stays as it is. */
export function initialsFirst(name: string): string {
  const comma = name.indexOf(',');
  if (comma < 0) return name;
  return `${name.slice(comma + 1).trim()} ${name.slice(0, comma).trim()}`.trim();
}

/** APA author list: `A`, `A, & B`, `A, B, & C` … */
export function authorList(authors: readonly string[]): string {
  if (authors.length <= 1) return authors[0] ?? '';
  if (authors.length === 2) return `${authors[0]}, & ${authors[1]}`;
  return `${authors.slice(0, -1).join(', ')}, & ${authors.at(-1)}`;
}

/** Editors in a chapter reference: `R. J. Lewicki (Ed.)`, `A & B (Eds.)`, `A, B, & C (Eds.)`. */
function editorList(editors: readonly string[]): string {
  const names = editors.map(initialsFirst);
  const list = names.length === 2 ? `${names[0]} & ${names[1]}` : authorList(names);
  return `${list} (${names.length === 1 ? 'Ed.' : 'Eds.'})`;
}

/** A title or name ends with one full stop, unless it already ends a sentence. */
function closed(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** `2nd` → `2nd ed.`; `Rev.` → `Rev. ed.` */
function editionLabel(edition: string): string {
  return /ed\.?$/i.test(edition) ? edition : `${edition} ed.`;
}

/** Joins runs, merging neighbours of the same style. */
function runs(...parts: (Run | string | false | undefined)[]): Run[] {
  const out: Run[] = [];
  for (const part of parts) {
    if (!part) continue;
    const run: Run = typeof part === 'string' ? { text: part } : part;
    if (run.text === '') continue;
    const last = out.at(-1);
    if (last && Boolean(last.italic) === Boolean(run.italic)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

const italic = (text: string): Run => ({ text, italic: true });

/**
 * The reference, without its link: APA 7 order and punctuation for each kind.
 * - article: Authors (Year). Title. *Journal*, *Volume*(Issue), pages.
 * - book: Authors (Year). *Title* (2nd ed.). Publisher.
 * - chapter: Authors (Year). Title. In E. Editor (Ed.), *Book* (2nd ed., pp. x–y). Publisher.
 * - report: Authors (Year). *Title* (Series). Publisher. — the publisher is left out when it is the author.
 * - web: Authors (Year). *Title*. Website.
 */
export function formatReference(s: Source): Run[] {
  const head = `${closed(authorList(s.authors))} (${s.year}). `;
  switch (s.kind) {
    case 'article':
      return runs(
        head,
        `${closed(s.title)} `,
        italic(`${s.container ?? ''}, ${s.volume ?? ''}`),
        s.issue && `(${s.issue})`,
        s.pages ? `, ${s.pages}.` : '.',
      );
    case 'book':
      return runs(
        head,
        italic(s.edition ? s.title : closed(s.title)),
        s.edition && ` (${editionLabel(s.edition)}).`,
        ` ${closed(s.publisher ?? '')}`,
      );
    case 'chapter': {
      const details = [s.edition && editionLabel(s.edition), s.pages && `pp. ${s.pages}`].filter(Boolean);
      const editors = s.editors?.length ? `${editorList(s.editors)}, ` : '';
      return runs(
        head,
        `${closed(s.title)} In ${editors}`,
        italic(details.length > 0 ? (s.container ?? '') : closed(s.container ?? '')),
        details.length > 0 && ` (${details.join(', ')}).`,
        ` ${closed(s.publisher ?? '')}`,
      );
    }
    case 'report': {
      const byAuthor = s.authors.length === 1 && s.authors[0] === s.publisher;
      return runs(
        head,
        italic(s.container ? s.title : closed(s.title)),
        s.container && ` (${s.container}).`,
        !byAuthor && ` ${closed(s.publisher ?? '')}`,
      );
    }
    case 'web':
      return runs(head, italic(closed(s.title)), ` ${closed(s.container ?? '')}`);
  }
}

/** The reference as plain text (tests, and the page's accessible name for the entry). */
export function referenceText(s: Source): string {
  return formatReference(s)
    .map((r) => r.text)
    .join('');
}

/** The short form lessons link with: `Mayer, Davis & Schoorman (1995)`, `Doney & Cannon (1997)`, `Erickson et al. (1978)`. */
export function shortCitation(s: Source): string {
  const surnames = s.authors.map((a) => (a.includes(',') ? a.slice(0, a.indexOf(',')).trim() : a));
  const names =
    surnames.length === 1
      ? surnames[0]
      : surnames.length === 2
        ? `${surnames[0]} & ${surnames[1]}`
        : surnames.length === 3
          ? `${surnames[0]}, ${surnames[1]} & ${surnames[2]}`
          : `${surnames[0]} et al.`;
  return `${names} (${s.year})`;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Bibliography order: first author, then year, then the other authors, then title; ties by id. */
export function compareSources(a: { id: string; data: Source }, b: { id: string; data: Source }): number {
  return (
    collator.compare(a.data.authors[0] ?? '', b.data.authors[0] ?? '') ||
    a.data.year - b.data.year ||
    collator.compare(a.data.authors.slice(1).join(';'), b.data.authors.slice(1).join(';')) ||
    collator.compare(a.data.title, b.data.title) ||
    collator.compare(a.id, b.id)
  );
}
