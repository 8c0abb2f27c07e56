/**
 * A trust profile as a PDF report, laid out with PDFKit on exactly A4 or US Letter in the site's identity
 * (pdf-brand.ts: its faces, palette and mark in a running head), tagged, its pages numbered.
 */

import { elementList } from '../../assessment/about-scales';
import { type Guidance, SCALES, type Scale } from '../../assessment/schema';
import {
  band,
  formatScore,
  NOISE_BAND,
  type Profile,
  selfOrientationHigh,
  standouts,
} from '../../assessment/scoring';
import { moduleTitle } from '../../content/elements';
import { formatLongDate } from '../../platform/dates';
import type { Paper } from '../../platform/paper';
import { FONT, PALETTE } from '../platform/pdf-brand';
import { artifact, createPdf } from '../platform/pdf-document';
import { drawPersonText } from '../platform/pdf-text';

const { brand: BRAND, ink: INK, soft: SOFT } = PALETTE;

const title = (s: Scale): string => (s === 'self-orientation' ? 'Self-orientation' : moduleTitle(s));
const fmt = formatScore;

/** Strongest and weakest elements by the near-tie rule (`standouts`), never the same one. */
function standoutLine(profile: Profile): string {
  const s = standouts(profile.scores);
  const so = selfOrientationHigh(profile.scores)
    ? ` Self-orientation is high (${fmt(profile.scores['self-orientation'])}): the path starts with Customer empathy.`
    : '';
  if (s.even)
    return `No element stands out: all five are closer together than the assessment can tell apart.${so}`;
  const [lowest, ...close] = s.weakest;
  const strongest = s.strongest.length > 0 ? `Strongest: ${elementList(s.strongest)}. ` : '';
  const start = lowest
    ? `Biggest opportunity: ${elementList([lowest])}${close.length > 0 ? ` (${elementList(close)} within ${NOISE_BAND} points of it)` : ''}.`
    : '';
  return `${strongest}${start}${so}`;
}

export function profilePdf(
  profile: Profile,
  takenAt: Date,
  name: string,
  guidance: Guidance,
  path: { title: string }[],
  paper: Paper = 'a4',
): Promise<Buffer> {
  const pdf = createPdf({
    paper,
    margin: 56,
    title: `Trust profile of ${name}`,
    runningHead: 'Trust self-assessment · personal report',
  });
  const { doc, root } = pdf;
  const width = pdf.width - 112;
  const p = (type = 'P') => ({ structParent: root, structType: type });
  /** A heading is never left alone at the foot of a page: it moves on with the first lines under it. */
  const keepWithNext = (room: number): void => {
    if (doc.y + room > pdf.height - 56) {
      doc.addPage();
      doc.y = 72;
    }
  };

  doc.y = 72;
  doc
    .font(FONT.sansBold)
    .fontSize(10)
    .fillColor(PALETTE.accent)
    .text('TRUST SELF-ASSESSMENT', { characterSpacing: 1.2, ...p() });
  doc.moveDown(0.3).font(FONT.serifSemibold).fontSize(26).fillColor(INK).text('Trust profile of', p('H1'));
  // The name in an embedded font that has its script, made smaller and then wrapped if it is long.
  root.add(
    doc.struct('P', {}, () => {
      drawPersonText(doc, name, {
        x: 56,
        y: doc.y + 6,
        width,
        size: 22,
        minSize: 16,
        color: INK,
        align: 'left',
      });
    }),
  );
  doc
    .font(FONT.sans)
    .fontSize(10.5)
    .fillColor(SOFT)
    .text(`Taken on ${formatLongDate(takenAt)}. Self-ratings: a starting point, not a verdict.`, p());
  // The index in a tinted panel, the headline figure of the report.
  doc.moveDown(1);
  const panelTop = doc.y;
  const panelHeight = 62;
  artifact(doc, () => {
    doc.roundedRect(56, panelTop, width, panelHeight, 8).fill(PALETTE.brandTint);
    doc.rect(56, panelTop, 4, panelHeight).fill(BRAND);
  });
  doc
    .font(FONT.serifSemibold)
    .fontSize(18)
    .fillColor(PALETTE.ink)
    .text(`Trust index: ${fmt(profile.index)} out of 100`, 74, panelTop + 12, {
      width: width - 36,
      ...p('H2'),
    });
  doc
    .font(FONT.sans)
    .fontSize(11)
    .fillColor(INK)
    .text(standoutLine(profile), 74, doc.y + 2, { width: width - 36, ...p() });
  doc.x = 56;
  doc.y = Math.max(doc.y + 12, panelTop + panelHeight + 12);

  // Scores as labelled bars: the bars are decoration, the figures beside them are the content.
  doc.moveDown(0.8);
  for (const scale of SCALES) {
    const y = doc.y;
    const score = profile.scores[scale];
    doc
      .font(FONT.sansSemibold)
      .fontSize(10.5)
      .fillColor(INK)
      .text(title(scale), 56, y, { width: 130, ...p() });
    artifact(doc, () => {
      doc.roundedRect(190, y + 1.5, 220, 10, 5).fill(PALETTE.paperDeep);
      const filled = Math.max(10, (220 * score) / 100);
      doc
        .roundedRect(190, y + 1.5, filled, 10, 5)
        .fill(scale === 'self-orientation' ? PALETTE.accent : BRAND);
    });
    doc
      .fillColor(INK)
      .text(`${fmt(score)}${scale === 'self-orientation' ? ' (lower is better)' : ''}`, 422, y, {
        width: pdf.width - 56 - 422,
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
    keepWithNext(120);
    doc
      .font(FONT.serifSemibold)
      .fontSize(13.5)
      .fillColor(BRAND)
      .text(`${title(scale)}: ${fmt(profile.scores[scale])}`, { width, ...p('H2') });
    doc
      .moveDown(0.15)
      .font(FONT.sans)
      .fontSize(10.5)
      .fillColor(INK)
      .text(b.meaning, { width, ...p() });
    doc
      .moveDown(0.3)
      .font(FONT.sansSemibold)
      .fontSize(10.5)
      .text('This week, practise:', { width, ...p() });
    const habits = doc.struct('L');
    root.add(habits);
    doc.font(FONT.sans).list(b.habits, { width, bulletRadius: 2, structParent: habits });
    habits.end();
  }

  doc.moveDown(1).x = 56;
  keepWithNext(60);
  doc
    .font(FONT.serifSemibold)
    .fontSize(13.5)
    .fillColor(BRAND)
    .text('Your learning path, in order', { width, ...p('H2') });
  const steps = doc.struct('L');
  root.add(steps);
  doc
    .font(FONT.sans)
    .fontSize(10.5)
    .fillColor(INK)
    .list(
      path.map((l) => l.title),
      { width, listType: 'numbered', structParent: steps },
    );
  steps.end();
  return pdf.finish();
}
