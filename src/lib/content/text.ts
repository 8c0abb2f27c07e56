/** Turns a lesson's MDX source into plain text: for word counts, reading time and the search index. */
import GithubSlugger from 'github-slugger';

/** Average adult silent-reading speed for non-fiction, in words per minute. */
export const WORDS_PER_MINUTE = 230;

export interface Section {
  /** The heading text, or null for the introduction before the first heading. */
  heading: string | null;
  /** The id Astro gives the heading (github-slugger), or null for the introduction. */
  anchor: string | null;
  text: string;
}

/** Strips MDX/Markdown syntax from one line, keeping the words a reader sees. */
function stripInline(line: string): string {
  return line
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ') // JSX / HTML tags (their text children stay)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → link text
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([^*_~]*?\S)\1/g, '$2') // emphasis markers
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '') // block markers
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text of an MDX body, paragraphs separated by blank lines. */
export function plainText(mdx: string): string {
  return splitSections(mdx)
    .map((s) => [s.heading, s.text].filter(Boolean).join('\n\n'))
    .join('\n\n');
}

export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return matches ? matches.length : 0;
}

/** Whole minutes to read `words` words, never less than one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/**
 * Splits a body at its `##`/`###` headings. Anchors follow the same slugger Astro uses for heading ids,
 * so a search hit can link straight to its section.
 */
export function splitSections(mdx: string): Section[] {
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  let current: Section = { heading: null, anchor: null, text: '' };
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let inFence = false;

  const flushParagraph = (): void => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    paragraph = [];
  };
  const flushSection = (): void => {
    flushParagraph();
    current.text = paragraphs.splice(0).join('\n\n');
    if (current.heading !== null || current.text) sections.push(current);
  };

  for (const raw of mdx.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*(import|export)\s/.test(raw)) continue;
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading) {
      flushSection();
      const text = stripInline(heading[2] ?? '');
      current = { heading: text, anchor: slugger.slug(text), text: '' };
      continue;
    }
    // A list item starts a paragraph of its own.
    if (/^\s{0,3}([-*+]|\d+[.)])\s+/.test(raw)) flushParagraph();
    const line = stripInline(raw);
    if (line === '') flushParagraph();
    else paragraph.push(line);
  }
  flushSection();
  return sections;
}
