/**
 * How every PDF of ours starts and ends: exactly A4 or Letter, tagged (a structure tree readers and
 * screen readers follow, the language, the title shown instead of the file name), the brand's faces
 * registered, a branded running head when asked for, and page numbers on anything longer than a page.
 */
import PDFDocument from 'pdfkit';
import { PAPER_POINTS, type Paper } from '../../platform/paper';
import { drawBrandMark, FONT, PALETTE, registerBrandFonts } from './pdf-brand';

export type Doc = InstanceType<typeof PDFDocument>;
export type Struct = ReturnType<Doc['struct']>;

/** The language of our PDFs' words (a person's name may be in any script; readers pick fonts by glyph). */
export const PDF_LANGUAGE = 'en';

export interface PdfSetup {
  paper: Paper;
  landscape?: boolean;
  title: string;
  subject?: string;
  margin: number;
  /** What the document is, written on the right of the brand at the top of every page (in the margin). */
  runningHead?: string;
}

export interface Pdf {
  doc: Doc;
  /** The document's structure root: every piece of content is added under it. */
  root: Struct;
  width: number;
  height: number;
  /** Ends the document (numbering its pages when there are several) and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

export function createPdf(setup: PdfSetup): Pdf {
  const portrait = PAPER_POINTS[setup.paper];
  const width = setup.landscape ? portrait.height : portrait.width;
  const height = setup.landscape ? portrait.width : portrait.height;
  const doc = new PDFDocument({
    size: [width, height],
    margin: setup.margin,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: PDF_LANGUAGE,
    displayTitle: true,
    info: {
      Title: setup.title,
      Author: 'Trust Academy',
      ...(setup.subject ? { Subject: setup.subject } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerBrandFonts(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    root,
    width,
    height,
    finish() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // Written in the margins, where PDFKit would otherwise start a new page.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        if (setup.runningHead) {
          const y = setup.margin / 2 - 9;
          doc.markContent('Artifact', { type: 'Pagination' });
          drawBrandMark(doc, setup.margin, y, 18);
          doc
            .font(FONT.serifSemibold)
            .fontSize(11)
            .fillColor(PALETTE.brand)
            .text('Trust Academy', setup.margin + 25, y + 2.5, { lineBreak: false });
          doc
            .font(FONT.sans)
            .fontSize(9)
            .fillColor(PALETTE.soft)
            .text(setup.runningHead, setup.margin, y + 4.5, {
              width: width - 2 * setup.margin,
              align: 'right',
              lineBreak: false,
            });
          doc
            .moveTo(setup.margin, y + 26)
            .lineTo(width - setup.margin, y + 26)
            .lineWidth(0.75)
            .strokeColor(PALETTE.line)
            .stroke();
          doc.endMarkedContent();
        }
        if (range.count > 1) {
          doc.markContent('Artifact', { type: 'Pagination' });
          doc
            .font(FONT.sans)
            .fontSize(9)
            .fillColor(PALETTE.soft)
            .text(
              `Page ${i - range.start + 1} of ${range.count}`,
              setup.margin,
              height - setup.margin / 2 - 6,
              {
                width: width - 2 * setup.margin,
                align: 'center',
                lineBreak: false,
              },
            );
          doc.endMarkedContent();
        }
        doc.page.margins.bottom = bottom;
      }
      root.end();
      doc.end();
      return done;
    },
  };
}

/** Draws decoration (rules, borders, bars whose values are written beside them) outside the structure. */
export function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact');
  draw();
  doc.endMarkedContent();
}
