/**
 * The site's identity on paper: its self-hosted typefaces (Source Sans 3 for the interface's words,
 * Source Serif 4 for headings, the same families the site serves through @fontsource, here as static TTF
 * files PDFKit can embed and subset), its palette (src/styles/global.css, written out) and its mark.
 * People's names keep the Noto faces of pdf-text.ts, which cover every script.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Doc } from './pdf-document';

/** The palette of src/styles/global.css: PDFKit can't read custom properties. */
export const PALETTE = {
  ink: '#17212b',
  soft: '#4a5563',
  paper: '#f8f5ef',
  paperDeep: '#efe9de',
  line: '#e2dccf',
  brand: '#0d5c58',
  brandTint: '#e1efec',
  accent: '#9a4d00',
  accentBright: '#e8902e',
  good: '#1d6b3a',
};

/** Font names as registered in every document `createPdf` makes. */
export const FONT = {
  sans: 'Sans',
  sansSemibold: 'Sans-Semibold',
  sansBold: 'Sans-Bold',
  serif: 'Serif',
  serifItalic: 'Serif-Italic',
  serifSemibold: 'Serif-Semibold',
} as const;

const FILES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  Sans: '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf',
  'Sans-Semibold': '@expo-google-fonts/source-sans-3/600SemiBold/SourceSans3_600SemiBold.ttf',
  'Sans-Bold': '@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf',
  Serif: '@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf',
  'Serif-Italic': '@expo-google-fonts/source-serif-4/400Regular_Italic/SourceSerif4_400Regular_Italic.ttf',
  'Serif-Semibold': '@expo-google-fonts/source-serif-4/600SemiBold/SourceSerif4_600SemiBold.ttf',
};

const require = createRequire(import.meta.url);
let bytes: Map<string, Buffer> | null = null;

/**
 * Registers the brand faces with a document. The files are read once per process; PDFKit embeds only
 * the faces a document uses, each subset to the glyphs it drew.
 */
export function registerBrandFonts(doc: Doc): void {
  if (!bytes) {
    bytes = new Map(Object.entries(FILES).map(([name, path]) => [name, readFileSync(require.resolve(path))]));
  }
  for (const [name, data] of bytes) doc.registerFont(name, data);
}

/**
 * The brand mark of the site header (BrandMark.astro): a check, a promise kept, in a rounded teal square
 * with a warm spark, `size` points wide with its top left corner at (x, y). Decoration: the caller marks
 * it as an artifact.
 */
export function drawBrandMark(doc: Doc, x: number, y: number, size: number): void {
  const u = size / 32;
  doc.save();
  doc.roundedRect(x, y, size, size, 9 * u).fill(PALETTE.brand);
  doc
    .moveTo(x + 8 * u, y + 17 * u)
    .lineTo(x + 12.6 * u, y + 21.6 * u)
    .lineTo(x + 21.5 * u, y + 12.5 * u)
    .lineWidth(3.2 * u)
    .lineCap('round')
    .lineJoin('round')
    .strokeColor('#ffffff')
    .stroke();
  doc.circle(x + 24 * u, y + 8 * u, 2.8 * u).fill(PALETTE.accentBright);
  doc.restore();
}
