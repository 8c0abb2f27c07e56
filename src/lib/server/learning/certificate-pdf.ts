/**
 * A certificate as a one-page landscape PDF, laid out with PDFKit on exactly A4 or US Letter in the
 * site's identity (its faces, palette and mark, pdf-brand.ts), embedded Noto Sans for the person's name
 * (any script, made smaller and then wrapped if it is long; see pdf-text.ts), tagged for screen readers.
 */

import { formatLongDate } from '../../platform/dates';
import type { Paper } from '../../platform/paper';
import { certificateTitle } from '../../progress/certificates';
import { drawBrandMark, FONT, PALETTE } from '../platform/pdf-brand';
import { artifact, createPdf } from '../platform/pdf-document';
import { drawPersonText } from '../platform/pdf-text';
import type { CertificateRow } from './queries';

export function certificatePdf(
  certificate: CertificateRow,
  verifyUrl: URL,
  paper: Paper = 'a4',
): Promise<Buffer> {
  const title = certificateTitle(certificate.scope);
  const issued = formatLongDate(certificate.issuedAt);
  const pdf = createPdf({
    paper,
    landscape: true,
    margin: 0,
    title: `Certificate: ${title}`,
    subject: `${certificate.recipientName} completed the ${title}`,
  });
  const { doc, root, width: WIDTH, height: HEIGHT } = pdf;
  // Letter is 17 pt taller than A4 in landscape: the same layout, centred.
  const top = (HEIGHT - 595.28) / 2;

  artifact(doc, () => {
    // A warm paper inside a teal frame, a fine amber line within it, as on the site's cards.
    doc.rect(0, 0, WIDTH, HEIGHT).fill('#ffffff');
    doc.rect(30, 30, WIDTH - 60, HEIGHT - 60).fill(PALETTE.paper);
    doc
      .lineWidth(2.5)
      .strokeColor(PALETTE.brand)
      .rect(30, 30, WIDTH - 60, HEIGHT - 60)
      .stroke();
    doc
      .lineWidth(0.75)
      .strokeColor(PALETTE.accentBright)
      .rect(40, 40, WIDTH - 80, HEIGHT - 80)
      .stroke();
    drawBrandMark(doc, WIDTH / 2 - 19, top + 66, 38);
    // A short amber rule under the heading.
    doc
      .moveTo(WIDTH / 2 - 36, top + 190)
      .lineTo(WIDTH / 2 + 36, top + 190)
      .lineWidth(2)
      .strokeColor(PALETTE.accentBright)
      .stroke();
  });
  const text = (
    value: string,
    y: number,
    font: string,
    size: number,
    color: string,
    type = 'P',
    extra: PDFKit.Mixins.TextOptions = {},
  ): void => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(value, 72, y, {
        width: WIDTH - 144,
        align: 'center',
        structParent: root,
        structType: type,
        ...extra,
      });
  };
  text('Trust Academy', top + 110, FONT.serifSemibold, 17, PALETTE.brand);
  text('Certificate of completion', top + 136, FONT.serifSemibold, 34, PALETTE.ink, 'H1');
  text('This certifies that', top + 204, FONT.sans, 13, PALETTE.soft);
  let nameHeight = 0;
  root.add(
    doc.struct('P', {}, () => {
      nameHeight = drawPersonText(doc, certificate.recipientName, {
        x: 90,
        y: top + 232,
        width: WIDTH - 180,
        size: 34,
        minSize: 20,
        color: PALETTE.ink,
        align: 'center',
      }).height;
    }),
  );
  const below = top + 232 + nameHeight;
  text(`completed the ${title}`, below + 6, FONT.sansSemibold, 17, PALETTE.brand);
  text(`on ${issued}`, below + 32, FONT.sans, 13, PALETTE.soft);
  // A reading measure, not the page's width.
  doc
    .font(FONT.serifItalic)
    .fontSize(12.5)
    .fillColor(PALETTE.soft)
    .text(
      'The course teaches the five elements of customer trust: dependability, competence, customer empathy, telling the truth and rapport.',
      WIDTH / 2 - 230,
      below + 70,
      { width: 460, align: 'center', lineGap: 2, structParent: root, structType: 'P' },
    );
  artifact(doc, () => {
    doc
      .moveTo(WIDTH / 2 - 150, HEIGHT - top - 132)
      .lineTo(WIDTH / 2 + 150, HEIGHT - top - 132)
      .lineWidth(0.75)
      .strokeColor(PALETTE.line)
      .stroke();
  });
  text(`Verification id: ${certificate.id}`, HEIGHT - top - 118, FONT.sansSemibold, 10.5, PALETTE.ink, 'P', {
    characterSpacing: 0.4,
  });
  text(`Check it at ${verifyUrl.href}`, HEIGHT - top - 101, FONT.sans, 10, PALETTE.soft);
  return pdf.finish();
}
