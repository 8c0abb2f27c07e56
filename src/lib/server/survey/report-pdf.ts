/**
 * The gap report as a PDF, laid out with PDFKit like the trust profile: exactly A4 or US Letter, tagged,
 * in the site's faces with the branded running head, its pages numbered (pdf-document.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { formatScore } from '../../assessment/scoring';
import { type Element, moduleTitle } from '../../content/elements';
import { formatLongDate } from '../../platform/dates';
import type { Paper } from '../../platform/paper';
import { formatSigned } from '../../platform/signed';
import { GAP_THRESHOLD, MIN_RESPONSES, TREND_BAND } from '../../survey/scoring';
import { FONT, PALETTE } from '../platform/pdf-brand';
import { artifact, createPdf } from '../platform/pdf-document';
import { drawPersonText } from '../platform/pdf-text';
import type { Report } from './report';

const { brand: BRAND, ink: INK, soft: SOFT, accent: WARN } = PALETTE;
const LEFT = 56;

const require = createRequire(import.meta.url);
/** Customers write comments in any language: Noto Sans covers Latin, Greek and Cyrillic; the standard fonts don't. */
const COMMENT_FONT = readFileSync(
  require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
);
const commentFont = fontkit.create(COMMENT_FONT) as fontkit.Font;
const drawable = (text: string): boolean =>
  [...text].every((c) => /\s/.test(c) || commentFont.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));

const fmt = (n: number | null): string => (n === null ? '—' : formatScore(n));

export function gapReportPdf(
  report: Report,
  name: string,
  now: Date,
  lessons: { title: string; element: Element | null }[],
  paper: Paper = 'a4',
): Promise<Buffer> {
  const pdf = createPdf({
    paper,
    margin: LEFT,
    title: `Customer trust gap report of ${name}`,
    runningHead: 'Customer trust survey · gap report',
  });
  const { doc, root } = pdf;
  const WIDTH = pdf.width - 2 * LEFT;
  const p = (type = 'P') => ({ structParent: root, structType: type });
  const heading = (text: string) => {
    doc.moveDown(1).x = LEFT;
    if (doc.y + 80 > pdf.height - LEFT) {
      doc.addPage();
      doc.y = 72;
    }
    doc
      .font(FONT.serifSemibold)
      .fontSize(13.5)
      .fillColor(BRAND)
      .text(text, { width: WIDTH, ...p('H2') });
    doc.moveDown(0.3);
  };
  const body = (text: string, color: string = INK) =>
    doc
      .font(FONT.sans)
      .fontSize(10)
      .fillColor(color)
      .text(text, LEFT, doc.y, { width: WIDTH, ...p() });

  const c = report.customers;
  const rounds = report.rounds.filter((r) => r.results?.visible);
  doc.y = 72;
  doc
    .font(FONT.sansBold)
    .fontSize(10)
    .fillColor(PALETTE.accent)
    .text('CUSTOMER TRUST SURVEY', { characterSpacing: 1.2, ...p() });
  doc
    .moveDown(0.3)
    .font(FONT.serifSemibold)
    .fontSize(24)
    .fillColor(INK)
    .text('Self-rating and customers’ view of', p('H1'));
  root.add(
    doc.struct('P', {}, () => {
      drawPersonText(doc, name, {
        x: LEFT,
        y: doc.y + 6,
        width: WIDTH,
        size: 22,
        minSize: 16,
        color: INK,
        align: 'left',
      });
    }),
  );
  body(
    `Prepared on ${formatLongDate(now)}, from ${c.responses} customers' anonymous answers over ${rounds.length} ${rounds.length === 1 ? 'round' : 'rounds'}.` +
      (report.self
        ? ` Self-rating from the self-assessment of ${formatLongDate(report.self.takenAt)}.`
        : ' No self-assessment yet.'),
    SOFT,
  );
  doc
    .moveDown(0.8)
    .font(FONT.serifSemibold)
    .fontSize(17)
    .fillColor(INK)
    .text(`Customers' overall trust: ${fmt(c.overall)} out of 100`, p('H2'));

  heading('Each element, 0–100');
  const col = { element: LEFT, self: 190, customers: 250, gap: 340, bars: 420 };
  const headY = doc.y;
  doc.font(FONT.sansBold).fontSize(9).fillColor(SOFT);
  doc
    .text('Element', col.element, headY, p())
    .text('Self', col.self, headY, p())
    .text('Customers', col.customers, headY, p())
    .text('Gap', col.gap, headY, p());
  doc.moveDown(0.6);
  for (const row of report.rows) {
    const y = doc.y;
    doc
      .font(FONT.sans)
      .fontSize(10)
      .fillColor(INK)
      .text(moduleTitle(row.element), col.element, y, { width: 130, ...p() });
    doc.text(fmt(row.self), col.self, y, p());
    doc.text(`${fmt(row.customers.score)} (${row.customers.responses})`, col.customers, y, p());
    const gap = row.gap ? formatSigned(Number(formatScore(row.gap.gap)), formatScore) : '—';
    doc.text(gap, col.gap, y, { continued: false, ...p() });
    if (row.gap?.flagged) {
      doc
        .font(FONT.sansBold)
        .fontSize(8)
        // A hidden strength is good news: the site's positive colour, as on the page.
        .fillColor(row.gap.direction === 'self-higher' ? WARN : PALETTE.good)
        .text(row.gap.direction === 'self-higher' ? 'BLIND SPOT' : 'HIDDEN STRENGTH', col.gap, y + 11, p());
    }
    // The bars are decoration: the figures beside them are the content.
    const self = row.self;
    const customers = row.customers.score;
    artifact(doc, () => {
      doc.rect(col.bars, y, 120, 5).fill(PALETTE.paperDeep);
      if (self !== null) doc.rect(col.bars, y, (120 * self) / 100, 5).fill('#8a94a3');
      doc.rect(col.bars, y + 8, 120, 5).fill(PALETTE.paperDeep);
      if (customers !== null) doc.rect(col.bars, y + 8, (120 * customers) / 100, 5).fill(BRAND);
    });
    doc.x = LEFT;
    doc.y = y + 26;
  }
  body(
    `Gap = self-rating minus customers' rating; flagged when larger than a third of the scale (${formatScore(GAP_THRESHOLD)} points): a blind spot when the self-rating is higher, a hidden strength when the customers' is. In brackets, how many customers rated the element; a rating is shown only from ${MIN_RESPONSES}. Bars: grey the self-rating, green the customers'.`,
    SOFT,
  );

  heading('What to work on next');
  body(
    'Blind spots first, largest gap first; then the elements customers rate lowest (the self-rating only where no customers’ rating is shown).'.replaceAll(
      '’',
      "'",
    ),
  );
  report.focus.slice(0, 2).forEach((element, i) => {
    doc
      .moveDown(0.4)
      .font(FONT.sansBold)
      .fontSize(10)
      .fillColor(INK)
      .text(`${i + 1}. ${moduleTitle(element)}`, LEFT, doc.y, { width: WIDTH, ...p() });
    const titles = lessons.filter((l) => l.element === element).map((l) => l.title);
    if (titles.length > 0) {
      const list = doc.struct('L');
      root.add(list);
      doc.font(FONT.sans).list(titles, { width: WIDTH - 12, bulletRadius: 2, structParent: list });
      list.end();
    }
  });

  if (rounds.length > 1) {
    heading('Round by round');
    for (const t of report.trends) {
      const points = t.points.map((p) => `round ${p.round}: ${fmt(p.score)}`).join(' · ');
      const move = t.latest
        ? ` (latest move ${formatSigned(Number(formatScore(t.latest.change)), formatScore)}${t.latest.trend === 'same' ? ', about the same' : ''})`
        : '';
      body(`${moduleTitle(t.element)}: ${points}${move}`);
    }
    body(`Moves under ${TREND_BAND} points count as about the same.`, SOFT);
  }

  heading('What customers wrote');
  if (report.comments.length === 0) body('No customer has left a comment yet.', SOFT);
  else {
    body('Without names, in random order.', SOFT);
    // Not 'NotoSans': that name is the bold face people's names are drawn with (pdf-text.ts).
    doc.registerFont('CommentSans', COMMENT_FONT);
    for (const comment of report.comments) {
      doc.moveDown(0.5);
      if (drawable(comment))
        doc
          .font('CommentSans')
          .fontSize(10)
          .fillColor(INK)
          .text(comment, LEFT + 10, doc.y, { width: WIDTH - 10, ...p() });
      else body('(A comment in a script this PDF cannot show: read it on the report page.)', SOFT);
    }
  }
  return pdf.finish();
}
