// Hostile form bodies against the demo admin, each while a static file is fetched again and again over another
// connection: how long the flood takes to be answered, and the slowest static response meanwhile (a frozen process
// shows here). The admin runs in a child process in production mode over a fresh SQLite database.
//   node --import tsx bench/form-flood.ts                  1 MiB bodies
//   node --import tsx bench/form-flood.ts --bytes 327680   smaller bodies (e.g. to time code that is quadratic)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testCredentials } from '../test/support/cookie-jar.ts';

const MiB = 1024 * 1024;

/** Cookies and the CSRF token of one logged-out or logged-in browser, over HTTP. */
class Session {
  private readonly cookies = new Map<string, string>();
  token = '';
  constructor(private readonly base: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const headers = { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const response = await fetch(this.base + url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await response.text();
    this.token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.token;
    return { status: response.status, body };
  }

  async login(): Promise<this> {
    await this.fetch('/admin/login');
    const { username, password } = testCredentials();
    const form = new URLSearchParams({ _csrf: this.token, username, password, next: '/admin/' });
    const response = await this.fetch('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    if (response.status !== 303) throw new Error(`Login failed: ${response.status}`);
    await this.fetch('/admin/');
    return this;
  }
}

interface Flood {
  name: string;
  session: Session;
  url: string;
  contentType: string;
  body: () => string;
}

async function main() {
  const at = process.argv.indexOf('--bytes');
  const bytes = at > 0 ? Number(process.argv[at + 1]) : MiB;
  testCredentials(); // the child's superuser: the same ADMIN_USERNAME / ADMIN_PASSWORD
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx', '--no-deprecation'], env: { ...process.env, NODE_ENV: 'production' } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the admin exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const anonymous = new Session(base);
    await anonymous.fetch('/admin/login');
    const staff = await new Session(base).login();
    await staff.fetch('/admin/post/5/change');
    const boundary = 'flood-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\na\r\n`;
    const rows = (perRow: number) => Array.from({ length: 1000 }, (_, i) => Array.from({ length: perRow }, (_, f) => `comments-${i}-x${f}=`).join('&')).join('&');
    const inlineHead = () => `_csrf=${encodeURIComponent(staff.token)}&title=Flooded&comments-TOTAL_FORMS=1000&`;
    const floods: Flood[] = [
      { name: 'login, one field repeated (urlencoded)', session: anonymous, url: '/admin/login', contentType: 'application/x-www-form-urlencoded', body: () => fill(`_csrf=${encodeURIComponent(anonymous.token)}&password=x`, '&username=a', bytes) },
      { name: 'login, one field repeated (multipart)', session: anonymous, url: `/admin/login?_csrf=${encodeURIComponent(anonymous.token)}`, contentType: `multipart/form-data; boundary=${boundary}`, body: () => fill('', part, bytes - 30) + `--${boundary}--\r\n` },
      { name: 'inline save, 1,000 rows of junk fields', session: staff, url: '/admin/post/5/change', contentType: 'application/x-www-form-urlencoded', body: () => (inlineHead() + rows(200)).slice(0, bytes) },
      { name: 'inline save, 1,000 rows × 24 fields (under the field limit)', session: staff, url: '/admin/post/5/change', contentType: 'application/x-www-form-urlencoded', body: () => inlineHead() + rows(24) },
    ];
    console.log(`Form floods against the demo admin (production mode, SQLite), bodies of up to ${bytes.toLocaleString('en')} bytes\n`);
    console.log('| flood | body | status | answered in | slowest static response meanwhile |');
    console.log('|---|---:|---:|---:|---:|');
    for (const flood of floods) {
      const body = flood.body();
      const result = await whileProbing(base, () => flood.session.fetch(flood.url, { method: 'POST', headers: { 'content-type': flood.contentType }, body }));
      console.log(`| ${flood.name} | ${body.length.toLocaleString('en')} B | ${result.status} | ${result.elapsed} ms | ${result.slowest} ms |`);
    }
  } finally {
    child.disconnect();
  }
}

function fill(head: string, unit: string, bytes: number): string {
  return head + unit.repeat(Math.max(0, Math.floor((bytes - head.length) / unit.length)));
}

async function whileProbing(base: string, send: () => Promise<{ status: number }>) {
  let done = false;
  const started = Date.now();
  const request = send().finally(() => { done = true; });
  let slowest = 0;
  const probing = (async () => {
    while (!done) {
      const t = Date.now();
      await (await fetch(`${base}/admin/static/admin.css`)).arrayBuffer();
      slowest = Math.max(slowest, Date.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const [{ status }] = await Promise.all([request, probing]);
  return { status, elapsed: Date.now() - started, slowest };
}

// The child: the admin itself.
if (process.argv[2] === 'serve') {
  const { startDemoApp } = await import('../test/support/demo-app.ts');
  const demo = await startDemoApp();
  await demo.app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ port: (demo.app.server.address() as { port: number }).port });
  process.on('disconnect', () => void demo.close().then(() => process.exit(0)));
} else {
  await main();
}
