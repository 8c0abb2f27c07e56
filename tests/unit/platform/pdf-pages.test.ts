/**
 * The certificate and the assessment report as a reader sees them (poppler's pdfinfo and pdftotext):
 * exactly A4 or US Letter, tagged with a language and a title shown as the window's title, numbered
 * pages when there are several, and a long name (any script) kept inside the page and off the next line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guidanceSchema, itemsSchema } from '../../../src/lib/assessment/schema';
import { scoreAssessment } from '../../../src/lib/assessment/scoring';
import { type Paper, paperFor } from '../../../src/lib/platform/paper';
import { profilePdf } from '../../../src/lib/server/assessment/report-pdf';
import { certificatePdf } from '../../../src/lib/server/learning/certificate-pdf';
import type { CertificateRow } from '../../../src/lib/server/learning/queries';

const readYaml = (name: string): unknown =>
  parse(readFileSync(new URL(`../../../content/assessment/${name}`, import.meta.url), 'utf8'));
const { items } = itemsSchema.parse(readYaml('items.yaml'));
const guidance = guidanceSchema.parse(readYaml('guidance.yaml'));
const profile = scoreAssessment(items, Object.fromEntries(items.map((item, i) => [item.id, (i % 5) + 1])));
const path = [{ title: 'Keeping small promises' }, { title: 'Telling the truth when it costs you' }];
const taken = new Date(Date.UTC(2026, 10, 30));

const dir = mkdtempSync(join(tmpdir(), 'pdf-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function save(pdf: Buffer): string {
  files += 1;
  const file = join(dir, `${files}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdfinfo's fields. */
function info(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on every page with its box, as pdftotext finds them. */
function pagesOf(file: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    width: Number(page[1]),
    height: Number(page[2]),
    words: [
      ...(page[3] ?? '').matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: (w[5] ?? '').replace(/&amp;/g, '&'),
    })),
  }));
}

/**
 * The letters of a name, sorted: poppler gives right-to-left words in visual order. Arabic letters are
 * counted only, as PDFKit maps a shaped glyph back to the first letter it drew with it.
 */
const lettersOf = (name: string | Word[]): string => {
  const letters = [
    ...(typeof name === 'string' ? name : name.map((w) => w.text).join('')).replace(/\s+/g, ''),
  ];
  return letters
    .map((c) => (/\p{Script=Arabic}/u.test(c) ? 'ع' : c))
    .sort()
    .join('');
};

const certificate = (recipientName: string): CertificateRow => ({
  id: 'abcdefghijklmnopqrstuvwxyz',
  userId: 'u'.repeat(26),
  scope: 'foundations',
  recipientName,
  issuedAt: new Date(Date.UTC(2026, 10, 30)),
});
const verifyUrl = new URL('https://academy.example.com/certificates/abcdefghijklmnopqrstuvwxyz');

// Display names are at most 80 characters.
const LONG_NAMES: [string, string][] = [
  [
    'Latin',
    'Maximiliana Wolfeschlegelsteinhausenbergerdorff-Castellanos de la Santísima Trinidad'.slice(0, 80),
  ],
  ['one long word', 'W'.repeat(80)],
  ['Chinese', '李雷'.repeat(40)],
  ['Arabic', 'عبد الرحمن بن محمد بن عبد العزيز آل سعود الفيصل القحطاني الدوسري العتيبي'],
];

describe('paper', () => {
  it.each([
    [null, 'en-US,en;q=0.9', 'letter'],
    [null, 'fr-CA', 'letter'],
    [null, 'es-MX,es;q=0.8', 'letter'],
    [null, 'en-GB,en;q=0.9', 'a4'],
    [null, 'de', 'a4'],
    [null, 'en-US;q=0.5, de-DE', 'a4'],
    [null, '', 'a4'],
    [null, 'not a language !!', 'a4'],
    ['letter', 'de-DE', 'letter'],
    ['A4', 'en-US', 'a4'],
    ['tabloid', 'en-US', 'letter'],
  ])('chosen %s, Accept-Language %s: %s', (choice, language, paper) => {
    expect(paperFor(choice, language)).toBe(paper);
  });
});

describe('the certificate', () => {
  it.each([
    ['a4', '841.89 x 595.28 pts (A4)'],
    ['letter', '792 x 612 pts (letter)'],
  ] as [Paper, string][])(
    'on %s is exactly that paper, one page, tagged, with its language and title',
    async (paper, size) => {
      const file = save(await certificatePdf(certificate('Ana Pereira'), verifyUrl, paper));
      const fields = info(file);
      expect(fields['Page size']).toBe(size);
      expect(fields['Pages']).toBe('1');
      expect(fields['Tagged']).toBe('yes');
      expect(fields['Title']).toBe('Certificate: Foundations module');
      const raw = readFileSync(file, 'latin1');
      expect(raw).toMatch(/\/Lang \(en\)/);
      expect(raw).toMatch(/\/DisplayDocTitle true/);
    },
  );

  it.each(LONG_NAMES)(
    'a long %s name stays inside the border, above the next line',
    async (_script, name) => {
      for (const paper of ['a4', 'letter'] as const) {
        const file = save(await certificatePdf(certificate(name), verifyUrl, paper));
        const [page] = pagesOf(file);
        if (!page) throw new Error('no page');
        const completed = page.words.find((w) => w.text === 'completed');
        if (!completed) throw new Error('no "completed" line');
        const intro = page.words.find((w) => w.text === 'certifies');
        const nameWords = page.words.filter(
          (w) => w.yMin > (intro?.yMax ?? 0) && w.yMax < completed.yMin + 1,
        );
        expect(nameWords.length).toBeGreaterThan(0);
        for (const w of page.words) {
          // Inside the inner border (46 pt from each edge).
          expect(w.xMin, w.text).toBeGreaterThanOrEqual(46);
          expect(w.xMax, w.text).toBeLessThanOrEqual(page.width - 46);
          expect(w.yMin, w.text).toBeGreaterThanOrEqual(46);
          expect(w.yMax, w.text).toBeLessThanOrEqual(page.height - 46);
        }
        // All of the name is there, before "completed" (no word of it drawn over the next line).
        expect(lettersOf(nameWords)).toBe(lettersOf(name));
        expect(Math.max(...nameWords.map((w) => w.yMax))).toBeLessThanOrEqual(completed.yMin);
      }
    },
  );
});

describe('the assessment report', () => {
  it.each([
    ['a4', '595.28 x 841.89 pts (A4)'],
    ['letter', '612 x 792 pts (letter)'],
  ] as [Paper, string][])(
    'on %s is exactly that paper, tagged, each page numbered "Page n of N"',
    async (paper, size) => {
      const file = save(await profilePdf(profile, taken, 'Ana Pereira', guidance, path, paper));
      const fields = info(file);
      expect(fields['Page size']).toBe(size);
      expect(fields['Tagged']).toBe('yes');
      expect(fields['Title']).toBe('Trust profile of Ana Pereira');
      const raw = readFileSync(file, 'latin1');
      expect(raw).toMatch(/\/Lang \(en\)/);
      expect(raw).toMatch(/\/DisplayDocTitle true/);
      const pages = pagesOf(file);
      const count = Number(fields['Pages']);
      expect(count).toBeGreaterThan(1);
      expect(pages).toHaveLength(count);
      pages.forEach((page, i) => {
        const line = page.words
          .filter((w) => w.yMin > page.height - 56)
          .map((w) => w.text)
          .join(' ');
        expect(line).toBe(`Page ${i + 1} of ${count}`);
      });
    },
  );

  it.each(LONG_NAMES)('a long %s name stays within the margins', async (_script, name) => {
    const file = save(await profilePdf(profile, taken, name, guidance, path, 'a4'));
    const [first] = pagesOf(file);
    if (!first) throw new Error('no page');
    for (const w of first.words) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(55);
      expect(w.xMax, w.text).toBeLessThanOrEqual(first.width - 55);
    }
    const taken_ = first.words.find((w) => w.text === 'Taken');
    const of = first.words.find((w) => w.text === 'of');
    if (!taken_ || !of) throw new Error('layout words missing');
    const nameWords = first.words.filter((w) => w.yMin >= of.yMax - 1 && w.yMax <= taken_.yMin + 1);
    expect(lettersOf(nameWords)).toBe(lettersOf(name));
  });
});

describe('the brand on paper', () => {
  /** The embedded fonts' names (pdffonts), subset prefixes removed. */
  const fontsOf = (file: string): string[] =>
    execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '')
      .filter(Boolean);

  it('sets our words in the site faces (Source Sans 3, Source Serif 4), embedded, never a standard font', async () => {
    for (const pdf of [
      await certificatePdf(certificate('Ana Pereira'), verifyUrl, 'a4'),
      await profilePdf(profile, taken, 'Ana Pereira', guidance, path, 'a4'),
    ]) {
      const fonts = fontsOf(save(pdf));
      expect(fonts.some((f) => f.startsWith('SourceSans3'))).toBe(true);
      expect(fonts.some((f) => f.startsWith('SourceSerif4'))).toBe(true);
      expect(fonts.filter((f) => /Helvetica|Times|Courier/.test(f))).toEqual([]);
    }
  });

  it('heads every page of the report with the brand, above the margin, and numbers it below', async () => {
    const file = save(await profilePdf(profile, taken, 'Ana Pereira', guidance, path, 'letter'));
    const pages = pagesOf(file);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const head = page.words.filter((w) => w.yMax < 56).map((w) => w.text);
      expect(head.join(' ')).toBe('Trust Academy Trust self-assessment · personal report');
    }
  });
});
