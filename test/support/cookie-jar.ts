// A tiny browser for `app.inject`: keeps the cookies the admin sets (session, CSRF secret, flash messages), sends the
// CSRF token with every POST, logs in, and follows redirects the way a person's browser would after a form post.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** The single superuser the route tests log in as (the admin reads ADMIN_USERNAME / ADMIN_PASSWORD). */
export function testCredentials(): { username: string; password: string } {
  process.env.ADMIN_USERNAME ||= 'route-tests';
  if (!process.env.ADMIN_PASSWORD || process.env.ADMIN_PASSWORD.length < 8) process.env.ADMIN_PASSWORD = 'route-tests-password';
  return { username: process.env.ADMIN_USERNAME, password: process.env.ADMIN_PASSWORD };
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response: new values are kept, expired ones dropped. */
  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /** The cookies to send, as inject's `cookies` option. */
  get all(): Record<string, string> {
    return Object.fromEntries(this.cookies);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

/** Form values as an urlencoded body; an array sends the name once per value. */
export function urlencoded(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params.toString();
}

/** A browser session against one app: requests carry the jar's cookies, and responses fill it. */
export class Browser {
  /** The CSRF token of the last page that had one (any token of the session's secret is accepted). */
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance, readonly jar = new CookieJar()) {}

  /** Logs in through the login form; throws when that fails. */
  async login(credentials = testCredentials()): Promise<this> {
    const page = await this.get('/admin/login');
    const response = await this.post('/admin/login', { ...credentials, next: '/admin/' });
    if (response.statusCode !== 303 || !this.jar.has('prisma_admin_session')) {
      throw new Error(`Login failed (${page.statusCode}, then ${response.statusCode}): ${response.body.slice(0, 300)}`);
    }
    // As a browser does: follow the redirect, whose page holds a token of the CSRF secret the login rotated.
    await this.follow(response);
    return this;
  }

  /** Another browser tab with the same session (no second login: logins are rate limited), its own flash messages. */
  clone(): Browser {
    const jar = this.jar.copy();
    const browser = new Browser(this.app, jar);
    browser.csrfToken = this.csrfToken;
    return browser;
  }

  /** Sends the jar's cookies, and for anything but GET the CSRF token in a header (the form's own token wins). */
  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers = { ...(options.headers ?? {}) } as Record<string, string>;
    if (method !== 'GET' && this.csrfToken && headers['x-csrf-token'] === undefined) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({ ...options, headers, cookies: { ...this.jar.all, ...(options.cookies as Record<string, string> | undefined) } });
    this.jar.store(response);
    const token = /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** POSTs an urlencoded form. */
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: urlencoded(form),
    });
  }

  /** POSTs a multipart form (file uploads); `{ data, filename }` values are sent as files. */
  async postMultipart(url: string, form: Record<string, string | string[] | { data: Uint8Array; filename: string; type?: string }>): Promise<LightMyRequestResponse> {
    const body = new FormData();
    for (const [name, value] of Object.entries(form)) {
      if (typeof value === 'string') body.append(name, value);
      else if (Array.isArray(value)) for (const v of value) body.append(name, v);
      else body.append(name, new Blob([new Uint8Array(value.data)], { type: value.type ?? 'application/octet-stream' }), value.filename);
    }
    const encoded = new Response(body);
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  /** GETs the Location of a redirect (with the cookies it set, such as the flash message). */
  follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location;
    if (response.statusCode < 300 || response.statusCode >= 400 || typeof location !== 'string') {
      throw new Error(`Expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
    }
    return this.get(location);
  }
}
