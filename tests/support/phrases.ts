/** Sentences taken from the real lessons, to prove a body is (or is not) in a response. */
import { plainText } from '../../src/lib/content/text';
import type { LessonFile } from './lessons';

/**
 * Runs of `length` plain words (letters only, single spaces) from a lesson body. Markdown typography
 * (curly quotes, dashes) never touches such a run, so it appears verbatim in any HTML that renders it.
 */
export function phrases(file: LessonFile, length = 7, count = 5): string[] {
  const runs: string[] = [];
  for (const paragraph of plainText(file.body).split('\n\n')) {
    const words = paragraph.split(' ');
    let run: string[] = [];
    for (const word of words) {
      if (/^[A-Za-z]+$/.test(word)) {
        run.push(word);
        if (run.length === length) {
          runs.push(run.join(' '));
          run = [];
        }
      } else run = [];
    }
  }
  if (runs.length < count) throw new Error(`${file.id}: too few plain phrases to test with`);
  // Spread the picks across the lesson, not just its opening.
  const step = Math.floor(runs.length / count);
  return Array.from({ length: count }, (_, i) => runs[i * step] as string);
}

/** Visible text of an HTML document, with tags removed and whitespace folded. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/gi, ' ')
      // A line-break opportunity is no text: "name<wbr>@example.com" reads as one address.
      .replace(/<wbr\b[^>]*>/gi, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
  );
}
