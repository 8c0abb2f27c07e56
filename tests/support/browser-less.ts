/** A tiny HTTP client with a cookie jar, for driving the built server's forms the way a browser without JavaScript would. */

export class Visitor {
  constructor(
    readonly origin: string,
    /** Sent as X-Forwarded-For, so each visitor has its own client IP (the test server trusts that header). */
    readonly ip: string,
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser (cookies and address) talking to another app process, as behind a load balancer. */
  at(origin: string): Visitor {
    return new Visitor(origin, this.ip, this.cookies);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('X-Forwarded-For', this.ip);
    if (this.cookies.size > 0) headers.set('Cookie', this.cookieHeader);
    const res = await fetch(`${this.origin}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** Submits a form as a browser does: urlencoded body, same-origin Origin header. */
  post(path: string, fields: Record<string, string>, origin = this.origin): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Submits a form and follows its 303 back into the site, as a browser does after a page that answers
   * every POST with a redirect (post, redirect, get): the answer is the page the person then sees.
   */
  async submit(path: string, fields: Record<string, string>): Promise<Response> {
    const res = await this.post(path, fields);
    const location = res.headers.get('location');
    if (res.status !== 303 || location === null || !location.startsWith('/')) return res;
    return this.get(location);
  }
}
