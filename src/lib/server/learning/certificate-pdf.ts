/**
 * A certificate as a one-page landscape PDF, laid out with PDFKit on exactly A4 or US Letter: its
 * built-in standard fonts for our own words, embedded Noto Sans for the person's name (any script, made
 * smaller and then wrapped if it is long; see pdf-text.ts), tagged for screen readers.
 */

import { formatLongDate } from '../../platform/dates';
import type { Paper } from '../../platform/paper';
import { certificateTitle } from '../../progress/certificates';
import { artifact, createPdf } from '../platform/pdf-document';
import { drawPersonText } from '../platform/pdf-text';
import type { CertificateRow } from './queries';

const BRAND = '#0f5c5c';
const INK = '#1c2430';
const SOFT = '#4a5565';

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
    doc
      .lineWidth(3)
      .strokeColor(BRAND)
      .rect(36, 36, WIDTH - 72, HEIGHT - 72)
      .stroke();
    doc
      .lineWidth(0.75)
      .rect(46, 46, WIDTH - 92, HEIGHT - 92)
      .stroke();
  });
  const text = (value: string, y: number, font: string, size: number, color: string, type = 'P'): void => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(value, 72, y, { width: WIDTH - 144, align: 'center', structParent: root, structType: type });
  };
  text('TRUST ACADEMY', top + 100, 'Helvetica-Bold', 14, BRAND);
  text('Certificate of completion', top + 128, 'Times-Roman', 30, INK, 'H1');
  text('This certifies that', top + 195, 'Helvetica', 13, SOFT);
  let nameHeight = 0;
  root.add(
    doc.struct('P', {}, () => {
      nameHeight = drawPersonText(doc, certificate.recipientName, {
        x: 90,
        y: top + 220,
        width: WIDTH - 180,
        size: 34,
        minSize: 20,
        color: INK,
        align: 'center',
      }).height;
    }),
  );
  const below = top + 220 + nameHeight;
  text(`completed the ${title}`, below + 8, 'Helvetica', 16, INK);
  text(`on ${issued}`, below + 34, 'Helvetica', 13, SOFT);
  text(
    'The course teaches the five elements of customer trust: dependability, competence, customer empathy, telling the truth and rapport.',
    below + 78,
    'Times-Italic',
    12,
    SOFT,
  );
  text(`Verification id: ${certificate.id}`, HEIGHT - top - 125, 'Courier', 11, INK);
  text(`Check it at ${verifyUrl.href}`, HEIGHT - top - 107, 'Helvetica', 10, SOFT);
  return pdf.finish();
}
