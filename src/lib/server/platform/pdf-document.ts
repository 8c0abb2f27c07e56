/**
 * How every PDF of ours starts and ends: exactly A4 or Letter, tagged (a structure tree readers and
 * screen readers follow, the language, the title shown instead of the file name), and page numbers on
 * anything longer than a page.
 */
import PDFDocument from 'pdfkit';
import { PAPER_POINTS, type Paper } from '../../platform/paper';

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
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    root,
    width,
    height,
    finish() {
      const range = doc.bufferedPageRange();
      if (range.count > 1) {
        for (let i = range.start; i < range.start + range.count; i++) {
          doc.switchToPage(i);
          // Written in the bottom margin, where PDFKit would otherwise start a new page.
          const bottom = doc.page.margins.bottom;
          doc.page.margins.bottom = 0;
          doc.markContent('Artifact', { type: 'Pagination' });
          doc
            .font('Helvetica')
            .fontSize(9)
            .fillColor('#4a5563')
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
          doc.page.margins.bottom = bottom;
        }
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
