/** Page numbers from a query string, for the admin's paginated lists. Pure. */

/** `?page=N` as a whole number from 1; anything else is page 1. */
export function pageFrom(url: URL): number {
  const raw = url.searchParams.get('page') ?? '1';
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The same list on another page, the other parameters kept. */
export function pageHref(url: URL, page: number): string {
  const next = new URLSearchParams(url.searchParams);
  if (page <= 1) next.delete('page');
  else next.set('page', String(page));
  const search = next.toString();
  return `${url.pathname}${search ? `?${search}` : ''}`;
}
