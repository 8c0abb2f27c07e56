/**
 * People's names come out of the certificate and the assessment PDF as they were written, in any script:
 * the text a PDF reader extracts (poppler's `pdftotext`) is the name itself, and the embedded fonts are
 * subset so the files stay small.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guidanceSchema, itemsSchema } from '../../../src/lib/assessment/schema';
import { scoreAssessment } from '../../../src/lib/assessment/scoring';
import { profilePdf } from '../../../src/lib/server/assessment/report-pdf';
import { certificatePdf } from '../../../src/lib/server/learning/certificate-pdf';
import type { CertificateRow } from '../../../src/lib/server/learning/queries';

const readYaml = (name: string): unknown =>
  parse(readFileSync(new URL(`../../../content/assessment/${name}`, import.meta.url), 'utf8'));
const { items } = itemsSchema.parse(readYaml('items.yaml'));
const guidance = guidanceSchema.parse(readYaml('guidance.yaml'));
const profile = scoreAssessment(items, Object.fromEntries(items.map((item, i) => [item.id, (i % 5) + 1])));

const dir = mkdtempSync(join(tmpdir(), 'pdf-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text poppler extracts from a PDF, whitespace collapsed. */
function textOf(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const certificate = (recipientName: string): CertificateRow => ({
  id: 'abcdefghijklmnopqrstuvwxyz',
  userId: 'u'.repeat(26),
  scope: 'foundations',
  recipientName,
  issuedAt: new Date(Date.UTC(2026, 10, 30)),
});
const verifyUrl = new URL('https://academy.example.com/certificates/abcdefghijklmnopqrstuvwxyz');
const taken = new Date(Date.UTC(2026, 10, 30));

describe('names in PDFs', () => {
  it.each([
    ['Latin', 'Ana Pereira'],
    ['Polish and Chinese', 'Łukasz 李雷'],
    ['Greek', 'Ελένη Παπαδοπούλου'],
    ['Cyrillic', 'Иван Петров'],
    ['Japanese', 'さくら 山田'],
    ['Korean', '김민준'],
    ['Vietnamese', 'Nguyễn Thị Minh Khai'],
  ])('a %s name comes out intact from the certificate and the assessment report', async (_script, name) => {
    const cert = await certificatePdf(certificate(name), verifyUrl);
    expect(textOf(cert, 'certificate')).toContain(name);
    const report = await profilePdf(profile, taken, name, guidance, [{ title: 'Small, certain promises' }]);
    expect(textOf(report, 'report')).toContain(name);
  });

  it('embeds only the glyphs used: a CJK name keeps the certificate small', async () => {
    const cert = await certificatePdf(certificate('Łukasz 李雷'), verifyUrl);
    expect(cert.byteLength).toBeLessThan(60_000);
  });

  it('an Arabic name is drawn with an Arabic font, not as missing glyphs', async () => {
    const cert = await certificatePdf(certificate('محمد عبد الله'), verifyUrl);
    const file = join(dir, 'arabic.pdf');
    writeFileSync(file, cert);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansArabic/);
    expect(textOf(cert, 'arabic-text')).toMatch(/[\u0600-\u06ff\ufb50-\ufefc]{3,}/);
  });

  it('a very long name still fits on one line of the page (set smaller)', async () => {
    const name = `${'Maximiliana Wolfeschlegelsteinhausenbergerdorff '.repeat(2)}de la Cruz`.slice(0, 80);
    const cert = await certificatePdf(certificate(name), verifyUrl);
    const file = join(dir, 'long.pdf');
    writeFileSync(file, cert);
    // The bounding box of every word: none may fall outside the certificate's inner border (46–746 pt).
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)];
    expect(words.length).toBeGreaterThan(5);
    for (const [, xMin, xMax] of words) {
      expect(Number(xMin)).toBeGreaterThanOrEqual(46);
      expect(Number(xMax)).toBeLessThanOrEqual(746);
    }
    expect(textOf(cert, 'long-text')).toContain(name.trim());
  });
});
