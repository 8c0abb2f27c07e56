/**
 * A certificate as a one-page PDF, laid out with PDFKit: its built-in standard fonts for our own words,
 * embedded Noto Sans for the person's name (any script; see pdf-text.ts).
 * The page is 792 × 595 pt landscape: Letter's width and A4's height, so it prints unscaled on either.
 */

import PDFDocument from 'pdfkit';
import { formatLongDate } from '../../platform/dates';
import { certificateTitle } from '../../progress/certificates';
import { drawPersonText } from '../platform/pdf-text';
import type { CertificateRow } from './queries';

const WIDTH = 792;
const HEIGHT = 595;
const BRAND = '#0f5c5c';
const INK = '#1c2430';
const SOFT = '#4a5565';

export function certificatePdf(certificate: CertificateRow, verifyUrl: URL): Promise<Buffer> {
  const title = certificateTitle(certificate.scope);
  const issued = formatLongDate(certificate.issuedAt);
  const doc = new PDFDocument({
    size: [WIDTH, HEIGHT],
    margin: 0,
    info: {
      Title: `Certificate: ${title}`,
      Author: 'Trust Academy',
      Subject: `${certificate.recipientName} completed the ${title}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .lineWidth(3)
    .strokeColor(BRAND)
    .rect(36, 36, WIDTH - 72, HEIGHT - 72)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(46, 46, WIDTH - 92, HEIGHT - 92)
    .stroke();
  const text = (value: string, y: number, font: string, size: number, color: string): void => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(value, 72, y, { width: WIDTH - 144, align: 'center' });
  };
  text('TRUST ACADEMY', 110, 'Helvetica-Bold', 14, BRAND);
  text('Certificate of completion', 140, 'Times-Roman', 30, INK);
  text('This certifies that', 215, 'Helvetica', 13, SOFT);
  drawPersonText(doc, certificate.recipientName, {
    x: 72,
    y: 242,
    width: WIDTH - 144,
    size: 34,
    color: INK,
    align: 'center',
  });
  text(`completed the ${title}`, 300, 'Helvetica', 16, INK);
  text(`on ${issued}`, 328, 'Helvetica', 13, SOFT);
  text(
    'The course teaches the five elements of customer trust: dependability, competence, customer empathy, telling the truth and rapport.',
    380,
    'Times-Italic',
    12,
    SOFT,
  );
  text(`Verification id: ${certificate.id}`, 470, 'Courier', 11, INK);
  text(`Check it at ${verifyUrl.href}`, 488, 'Helvetica', 10, SOFT);
  doc.end();
  return done;
}
