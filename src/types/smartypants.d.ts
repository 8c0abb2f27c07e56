/** The `smartypants` package ships no types; only the function used here is declared. */
declare module 'smartypants' {
  /** Curly quotes, dashes and ellipses as Unicode characters (not entities); text between `<…>` is left alone. */
  export function smartypantsu(text: string, attr?: string | number): string;
}
