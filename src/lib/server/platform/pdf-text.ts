/**
 * People's names in PDFs. PDFKit's standard fonts encode only Windows-1252, so `Łukasz 李雷` came out as
 * junk; names are drawn with embedded Noto Sans fonts instead, one per script, chosen character by
 * character (a name may mix scripts), each subset by PDFKit to the glyphs used so the file stays small.
 * Our own text (titles, dates, the course's words) is set in the site's faces (pdf-brand.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Doc } from './pdf-document';

/** Bold faces, in the order they are tried: the first one with a glyph for a character draws it. */
const FACES = [
  ['NotoSans', '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'],
  ['NotoSansArabic', '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'],
  ['NotoSansHebrew', '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf'],
  ['NotoSansThai', '@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf'],
  // Chinese characters and Japanese kana, then Hangul.
  ['NotoSansSC', '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'],
  ['NotoSansKR', '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'],
] as const;

interface Face {
  name: string;
  bytes: Buffer;
  font: fontkit.Font;
  /** The ascent as PDFKit places text by it: per 1 pt of font size. */
  ascent: number;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Face>();

/** A face read and parsed once per process, when a name first needs it (the CJK files are 6–10 MB). */
function face(index: number): Face {
  const [name, path] = FACES[index] as (typeof FACES)[number];
  let f = loaded.get(name);
  if (!f) {
    const bytes = readFileSync(require.resolve(path));
    const font = fontkit.create(bytes) as fontkit.Font;
    f = { name, bytes, font, ascent: font.ascent / font.unitsPerEm };
    loaded.set(name, f);
  }
  return f;
}

interface Run {
  face: Face;
  text: string;
}

/**
 * OpenType features for a run, always given: without them PDFKit shapes each word on its own, which
 * breaks right-to-left order (an Arabic name's words came out reversed and run together). Noto Sans
 * decomposes precomposed letters (`ị` into `i` and a dot below) in `ccmp`, and PDFKit maps each glyph to
 * the first text it drew, so "Thị Minh" was extracted (copied, searched, read aloud) as "Thị Mịnh"; text
 * is NFC-normalised, so a run without combining marks needs no decomposing. Runs with marks, and other
 * scripts, keep every default feature. Fresh each time: fontkit writes its defaults into the object.
 */
function featuresOf(run: Run): Record<string, boolean> {
  return run.face.name === 'NotoSans' && !/\p{M}/u.test(run.text) ? { ccmp: false } : {};
}

/** Marks, joiners and spaces stay in the run they follow, so a combining accent or a word space in an
 *  Arabic name doesn't split the run (splitting would break shaping and right-to-left order). */
const FOLLOWS = /^[\p{M}\p{Zs}\u200c\u200d]$/u;

/** The text split into runs, each drawn with the first face that has its characters. */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const last = runs.at(-1);
    if (last && FOLLOWS.test(char) && (last.face.font.hasGlyphForCodePoint(code) || /\s/.test(char))) {
      last.text += char;
      continue;
    }
    let chosen = face(0);
    for (let i = 0; i < FACES.length; i++) {
      const candidate = face(i);
      if (candidate.font.hasGlyphForCodePoint(code)) {
        chosen = candidate;
        break;
      }
    }
    if (last && last.face === chosen) last.text += char;
    else runs.push({ face: chosen, text: char });
  }
  return runs;
}

/** Options for `drawPersonText`. */
export interface PersonTextOptions {
  x: number;
  y: number;
  width: number;
  /** The size it is set at when it fits. */
  size: number;
  /** The smallest it is shrunk to before it wraps onto more lines (default: `size`, wrap at once). */
  minSize?: number;
  color: string;
  align: 'center' | 'left';
}

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Draws `text` within `width` from (`x`, `y`), centred or from the left: at `size` when it fits on one
 * line, else shrunk down to `minSize`, and if it still doesn't fit, wrapped at `minSize` onto as many
 * lines as it needs, between words (words as the script has them: Chinese and Thai have no spaces), a
 * word longer than a line between its letters. Returns the size used and the height taken; `doc.y` is
 * left below it (at least a line of `size`, whatever size was used).
 */
export function drawPersonText(
  doc: Doc,
  text: string,
  options: PersonTextOptions,
): { size: number; height: number } {
  const registered = new Set<string>();
  const use = (f: Face, size: number): void => {
    if (!registered.has(f.name)) {
      doc.registerFont(f.name, f.bytes);
      registered.add(f.name);
    }
    doc.font(f.name).fontSize(size);
  };
  const measure = (runs: Run[], size: number): number[] =>
    runs.map((run) => {
      use(run.face, size);
      return doc.widthOfString(run.text, { features: featuresOf(run) as never });
    });
  const widthOf = (line: string, size: number): number =>
    measure(runsOf(line), size).reduce((a, b) => a + b, 0);

  const whole = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const minSize = Math.min(options.minSize ?? options.size, options.size);
  let size = options.size;
  let lines = [whole];
  const total = widthOf(whole, size);
  if (total > options.width) {
    size = Math.max(minSize, (options.size * options.width) / total);
    if (widthOf(whole, size) > options.width) {
      size = minSize;
      lines = wrap(whole, (line) => widthOf(line, size) <= options.width);
    }
  }
  const lineHeight = size * 1.3;
  // A single line set smaller sits in the middle of the line it was given.
  const top = lines.length === 1 ? options.y + ((options.size - size) * face(0).ascent) / 2 : options.y;
  lines.forEach((line, index) => {
    const runs = runsOf(line);
    const widths = measure(runs, size);
    const used = widths.reduce((a, b) => a + b, 0);
    // One baseline for every run, where Noto Sans puts it, however tall another face's ascent.
    const baseline = top + index * lineHeight + face(0).ascent * size;
    let x = options.align === 'center' ? options.x + (options.width - used) / 2 : options.x;
    runs.forEach((run, i) => {
      use(run.face, size);
      doc.fillColor(options.color).text(run.text, x, baseline - run.face.ascent * size, {
        lineBreak: false,
        features: featuresOf(run) as never,
      });
      x += widths[i] ?? 0;
    });
  });
  // Room below the last line for descenders (Arabic's reach far below the baseline).
  const height = Math.max(
    options.size * 1.5,
    lines.length * lineHeight + (lines.length > 1 ? size * 0.5 : 0),
  );
  doc.x = options.x;
  doc.y = options.y + height;
  return { size, height };
}

/** Lines of `text`, each as long as `fits` allows, broken between words or, inside a long word, letters. */
export function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (piece: string): void => {
    const candidate = line + piece;
    if (line.trim() === '' || fits(candidate.trim())) {
      line = line.trim() === '' ? piece.trimStart() : candidate;
      return;
    }
    lines.push(line.trim());
    line = piece.trimStart();
  };
  for (const { segment } of words.segment(text)) {
    if (fits(segment.trim()) || segment.trim() === '') {
      push(segment);
      continue;
    }
    for (const { segment: letter } of graphemes.segment(segment)) push(letter);
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}
