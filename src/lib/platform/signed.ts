/**
 * Numbers with a sign, shown one way everywhere: a real minus sign (U+2212, the width of the plus and
 * set apart from a hyphen or a dash) for a loss, a plus for a gain, no sign for zero, and the words a
 * screen reader says for it ("minus 20"), since some read U+2212 as nothing or as "dash".
 */

/** The minus sign shown on pages, in PDFs and in emails. */
export const MINUS = '\u2212';

/**
 * "+10", "−20", "0". `format` writes the magnitude (rounding, decimals); a value that rounds to zero is
 * shown unsigned, so a change of −0.04 shown at one decimal is "0", never "−0".
 */
export function formatSigned(value: number, format: (magnitude: number) => string = String): string {
  const shown = format(Math.abs(value));
  if (value === 0 || Number(shown.replace(/[^\d.]/g, '')) === 0) return shown;
  return `${value > 0 ? '+' : MINUS}${shown}`;
}

/** "plus 10", "minus 20", "0": what `formatSigned` shows, in words for a screen reader. */
export function spokenSigned(value: number, format: (magnitude: number) => string = String): string {
  const shown = formatSigned(value, format);
  if (shown.startsWith('+')) return `plus ${shown.slice(1)}`;
  if (shown.startsWith(MINUS)) return `minus ${shown.slice(1)}`;
  return shown;
}
