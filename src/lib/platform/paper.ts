/**
 * Which paper a PDF is laid out on: exactly A4 or exactly US Letter, never a size between them. The
 * person's choice (`?paper=letter`) wins; otherwise their browser's locale decides: Letter where it is
 * the usual paper (the United States, Canada, Mexico, the Philippines and most of Central and South
 * America's Letter users), A4 everywhere else and when the locale names no region.
 */
export type Paper = 'a4' | 'letter';

/** Portrait width and height in PDF points (1/72 inch): A4 is 210 × 297 mm, Letter 8.5 × 11 in. */
export const PAPER_POINTS: Record<Paper, { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
};

export const PAPER_NAMES: Record<Paper, string> = { a4: 'A4', letter: 'US Letter' };

const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PR',
  'PH',
  'CL',
  'CO',
  'VE',
  'GT',
  'CR',
  'PA',
  'DO',
  'SV',
  'HN',
  'NI',
  'BZ',
]);

export function isPaper(value: string | null | undefined): value is Paper {
  return value === 'a4' || value === 'letter';
}

/** The region of the most preferred language in an Accept-Language header, if it names one. */
export function preferredRegion(acceptLanguage: string | null | undefined): string | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((l) => l.tag && l.tag !== '*' && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const top = ranked[0];
  if (!top) return null;
  try {
    return new Intl.Locale(top.tag).region ?? null;
  } catch {
    return null;
  }
}

export function paperFor(
  choice: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Paper {
  const chosen = choice?.toLowerCase();
  if (isPaper(chosen)) return chosen;
  const region = preferredRegion(acceptLanguage);
  return region && LETTER_REGIONS.has(region.toUpperCase()) ? 'letter' : 'a4';
}
