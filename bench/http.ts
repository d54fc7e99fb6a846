// Plain HTTP helpers of the benchmark's client side: logging in to the admin over HTTP, and reading a form.
import { formFields } from '../test/support/html.ts';
import { urlencoded } from '../test/support/cookie-jar.ts';

export { formFields, urlencoded };

/** `name=value` of each Set-Cookie header. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return cookies;
}

export function csrfTokenOf(html: string): string | undefined {
  return /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/**
 * Logs in like a browser: GET the login page (CSRF secret cookie and token), POST the form, keep the session cookie.
 * Returns the Cookie header to send with every request.
 */
export async function logIn(base: string, login: { username: string; password: string }): Promise<string> {
  const page = await fetch(`${base}/admin/login`, { redirect: 'manual' });
  const cookies = cookiesOf(page);
  const token = csrfTokenOf(await page.text());
  if (!token) throw new Error(`No CSRF token on ${base}/admin/login (status ${page.status})`);
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: urlencoded({ ...login, next: '/admin/', _csrf: token }),
  });
  for (const [name, value] of cookiesOf(response)) cookies.set(name, value);
  if (response.status !== 303 || !cookies.has('prisma_admin_session')) {
    throw new Error(`Login failed with status ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return header();
}

export async function get(url: string, cookie: string): Promise<{ status: number; body: string; bytes: number }> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie } });
  const buffer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, body: buffer.toString('utf8'), bytes: buffer.length };
}

export async function postForm(url: string, cookie: string, form: Record<string, string | string[]>): Promise<{ status: number; body: string; location: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: urlencoded(form),
  });
  return { status: response.status, body: await response.text(), location: response.headers.get('location') };
}
