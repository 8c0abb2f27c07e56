/**
 * What a visitor without membership reads of a member lesson (decision 014): its opening, up to the
 * start of its second section, so they meet the lesson's voice and first idea before being asked to
 * join. The rest never leaves the server: the preview is cut from the rendered HTML, not hidden. Pure.
 */

export interface LessonPreview {
  /** The opening of the body, as HTML: everything before the cut. */
  html: string;
  /** The titles of the sections left out, in order, to say what the rest holds. */
  restSections: string[];
}

/** Where a top-level section starts in the rendered body (headings are never nested in the prose). */
const SECTION = /<h2\b[^>]*>([\s\S]*?)<\/h2>/g;

const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The opening of a lesson body and the titles of what follows. The cut falls before the second `<h2>`
 * (the introduction and the first section stay); a body with one section keeps only its introduction,
 * and one with none keeps nothing, so a preview never is the whole lesson.
 */
export function lessonPreview(bodyHtml: string): LessonPreview {
  const sections = [...bodyHtml.matchAll(SECTION)];
  const cutAt = sections.length >= 2 ? 1 : 0;
  const cut = sections[cutAt];
  if (!cut || cut.index === undefined) return { html: '', restSections: [] };
  return {
    html: bodyHtml.slice(0, cut.index),
    restSections: sections.slice(cutAt).map((m) => textOf(m[1] ?? '')),
  };
}
