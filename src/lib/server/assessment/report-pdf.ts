/** A trust profile as a PDF report, laid out with PDFKit on exactly A4 or US Letter, tagged, its pages numbered. */

import { elementList } from '../../assessment/about-scales';
import { type Guidance, SCALES, type Scale } from '../../assessment/schema';
import { band, formatScore, type Profile, standouts } from '../../assessment/scoring';
import { moduleTitle } from '../../content/elements';
import { formatLongDate } from '../../platform/dates';
import type { Paper } from '../../platform/paper';
import { artifact, createPdf } from '../platform/pdf-document';
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
  paper: Paper = 'a4',
): Promise<Buffer> {
  const pdf = createPdf({ paper, margin: 56, title: `Trust profile of ${name}` });
  const { doc, root } = pdf;
  const width = pdf.width - 112;
  const p = (type = 'P') => ({ structParent: root, structType: type });

  doc.font('Helvetica-Bold').fontSize(11).fillColor(BRAND).text('TRUST ACADEMY · TRUST SELF-ASSESSMENT', p());
  doc.moveDown(0.3).font('Times-Bold').fontSize(24).fillColor(INK).text('Trust profile of', p('H1'));
  // The name in an embedded font that has its script, made smaller and then wrapped if it is long.
  root.add(
    doc.struct('P', {}, () => {
      drawPersonText(doc, name, { x: 56, y: doc.y, width, size: 22, minSize: 16, color: INK, align: 'left' });
    }),
  );
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(SOFT)
    .text(`Taken on ${formatLongDate(takenAt)}. Self-ratings: a starting point, not a verdict.`, p());
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor(INK)
    .text(`Trust index: ${fmt(profile.index)} out of 100`, p('H2'));
  doc.font('Helvetica').fontSize(11).text(standoutLine(profile), p());

  // Scores as labelled bars: the bars are decoration, the figures beside them are the content.
  doc.moveDown(0.8);
  for (const scale of SCALES) {
    const y = doc.y;
    const score = profile.scores[scale];
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(title(scale), 56, y, { width: 130, ...p() });
    artifact(doc, () => {
      doc.rect(190, y + 1, 250, 9).fill('#eceae4');
      doc.rect(190, y + 1, (250 * score) / 100, 9).fill(scale === 'self-orientation' ? '#9a4d00' : BRAND);
    });
    doc
      .fillColor(INK)
      .text(`${fmt(score)}${scale === 'self-orientation' ? ' (lower is better)' : ''}`, 450, y, {
        width: pdf.width - 56 - 450,
        ...p(),
      });
    const after = doc.y;
    doc.y = Math.max(after, y + 14);
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
      .text(`${title(scale)}: ${fmt(profile.scores[scale])}`, { width, ...p('H2') });
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(b.meaning, { width, ...p() });
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .fontSize(10)
      .text('This week, practise:', { width, ...p() });
    const habits = doc.struct('L');
    root.add(habits);
    doc.font('Helvetica').list(b.habits, { width, bulletRadius: 2, structParent: habits });
    habits.end();
  }

  doc.moveDown(1).x = 56;
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .fillColor(INK)
    .text('Your learning path, in order', { width, ...p('H2') });
  const steps = doc.struct('L');
  root.add(steps);
  doc
    .font('Helvetica')
    .fontSize(10)
    .list(
      path.map((l) => l.title),
      { width, listType: 'numbered', structParent: steps },
    );
  steps.end();
  return pdf.finish();
}
