/** A trust profile as a PDF report, laid out with PDFKit on A4-width, Letter-height pages (fits both). */
import PDFDocument from 'pdfkit';
import { type Guidance, SCALES, type Scale } from '../../assessment/schema';
import { elementList } from '../../assessment/about-scales';
import { band, formatScore, type Profile, standouts } from '../../assessment/scoring';
import { moduleTitle } from '../../content/elements';
import { formatLongDate } from '../../platform/dates';
import { drawPersonText } from '../platform/pdf-text';

const BRAND = '#0f5c5c';
const INK = '#1c2430';
const SOFT = '#4a5565';

const title = (s: Scale): string => (s === 'self-orientation' ? 'Self-orientation' : moduleTitle(s));
const fmt = formatScore;

/** Strongest and weakest elements by the near-tie rule (`standouts`), never the same one. */
function standoutLine(profile: Profile): string {
  const s = standouts(profile.scores);
  if (s.even)
    return 'No element stands out: all five are closer together than the assessment can tell apart.';
  const opportunity = s.weakest.length > 1 ? 'Biggest opportunities (a near-tie)' : 'Biggest opportunity';
  return `Strongest: ${elementList(s.strongest)}. ${opportunity}: ${elementList(s.weakest)}.`;
}

export function profilePdf(
  profile: Profile,
  takenAt: Date,
  name: string,
  guidance: Guidance,
  path: { title: string }[],
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [595.28, 792],
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `Trust profile of ${name}`, Author: 'Trust Academy' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = 595.28 - 112;

  doc.font('Helvetica-Bold').fontSize(11).fillColor(BRAND).text('TRUST ACADEMY · TRUST SELF-ASSESSMENT');
  doc.moveDown(0.3).font('Times-Bold').fontSize(24).fillColor(INK).text('Trust profile of');
  // The name in an embedded font that has its script, on its own line, made smaller if it is long.
  drawPersonText(doc, name, { x: 56, y: doc.y, width, size: 22, color: INK, align: 'left' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(SOFT)
    .text(`Taken on ${formatLongDate(takenAt)}. Self-ratings: a starting point, not a verdict.`);
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor(INK)
    .text(`Trust index: ${fmt(profile.index)} out of 100`);
  doc.font('Helvetica').fontSize(11).text(standoutLine(profile));

  // Scores as labelled bars.
  doc.moveDown(0.8);
  for (const scale of SCALES) {
    const y = doc.y;
    const score = profile.scores[scale];
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(title(scale), 56, y, { width: 130 });
    doc.rect(190, y + 1, 250, 9).fill('#eceae4');
    doc.rect(190, y + 1, (250 * score) / 100, 9).fill(scale === 'self-orientation' ? '#9a4d00' : BRAND);
    doc
      .fillColor(INK)
      .text(`${fmt(score)}${scale === 'self-orientation' ? ' (lower is better)' : ''}`, 450, y, {
        width: 100,
      });
    doc.moveDown(0.5);
  }

  for (const scale of SCALES) {
    const g = guidance.scales[scale];
    const b = g[band(profile.scores[scale])];
    doc.moveDown(0.8).x = 56;
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(INK)
      .text(`${title(scale)}: ${fmt(profile.scores[scale])}`, { width });
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(b.meaning, { width });
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text('This week, practise:', { width });
    doc.font('Helvetica').list(b.habits, { width, bulletRadius: 2 });
  }

  doc.moveDown(1).x = 56;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text('Your learning path, in order', { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .list(
      path.map((l) => l.title),
      { width, listType: 'numbered' },
    );
  doc.end();
  return done;
}
