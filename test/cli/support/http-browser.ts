// The test browser of test/support/cookie-jar.ts, over real HTTP (fetch) instead of app.inject: for admins served by
// a `prisma-admin-site serve` process. Keeps cookies, sends the CSRF token, does not follow redirects by itself.
import { CLI_CREDENTIALS } from './cli-process.ts';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  rawPayload: Buffer;
}

type FormValue = string | string[];
type FileValue = { data: Uint8Array; filename: string; type?: string };

export class HttpBrowser {
  /** The CSRF token of the last page that had one. */
  csrfToken: string | undefined;
  readonly cookies = new Map<string, string>();

  /** `origin` like http://127.0.0.1:41234; paths are given with the admin's prefix (`/admin/...`). */
  constructor(public origin: string, readonly prefix = '/admin') {}

  /** The same session (cookies and token) against another server: another `serve` process of the same database. */
  on(origin: string): HttpBrowser {
    const browser = new HttpBrowser(origin, this.prefix);
    for (const [name, value] of this.cookies) browser.cookies.set(name, value);
    browser.csrfToken = this.csrfToken;
    return browser;
  }

  async login(credentials = CLI_CREDENTIALS): Promise<this> {
    await this.get(`${this.prefix}/login`);
    const response = await this.post(`${this.prefix}/login`, { ...credentials, next: `${this.prefix}/` });
    if (response.statusCode !== 303 || !this.cookies.has('prisma_admin_session')) {
      throw new Error(`Login failed (${response.statusCode}): ${response.body.slice(0, 300)}`);
    }
    // As a browser does: the page after the login holds a token of the CSRF secret the login rotated.
    await this.follow(response);
    return this;
  }

  async request(method: string, url: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (method !== 'GET' && this.csrfToken && headers['x-csrf-token'] === undefined) headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(new URL(url, this.origin), { method, headers, body: init.body, redirect: 'manual' });
    this.storeCookies(response.headers.getSetCookie());
    const rawPayload = Buffer.from(await response.arrayBuffer());
    const body = rawPayload.toString('utf8');
    const token = /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrfToken = token;
    return { statusCode: response.status, headers: headersOf(response), body, rawPayload };
  }

  get(url: string): Promise<HttpResponse> {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, FormValue>): Promise<HttpResponse> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    return this.request('POST', url, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() });
  }

  postMultipart(url: string, form: Record<string, FormValue | FileValue>): Promise<HttpResponse> {
    const body = new FormData();
    for (const [name, value] of Object.entries(form)) {
      if (typeof value === 'string') body.append(name, value);
      else if (Array.isArray(value)) for (const v of value) body.append(name, v);
      else body.append(name, new Blob([new Uint8Array(value.data)], { type: value.type ?? 'application/octet-stream' }), value.filename);
    }
    return this.request('POST', url, { body });
  }

  /** GETs the Location of a redirect. */
  follow(response: HttpResponse): Promise<HttpResponse> {
    const location = response.headers.location;
    if (response.statusCode < 300 || response.statusCode >= 400 || !location) {
      throw new Error(`Expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
    }
    return this.get(location);
  }

  private storeCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const maxAge = attributes.find((a) => /^max-age=/i.test(a));
      const expires = attributes.find((a) => /^expires=/i.test(a));
      const expired = maxAge ? Number(maxAge.split('=')[1]) <= 0 : expires ? new Date(expires.slice(8)).getTime() <= Date.now() : false;
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}
