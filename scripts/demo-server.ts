// The demo blog's admin server (used by `npm start` and the browser tests).
import { randomBytes } from 'node:crypto';
import { createAdminServer, parseSchemaFiles, type AdminServerOptions } from '../src/index.ts';
import { providerOfUrl, readSchemaFiles, withProvider } from './db/apply-schema.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { openDemoClient } from './db/demo-client.ts';
import { ensureDemoDatabase } from './demo-db.ts';
import { DEMO_TEMPLATES, demoSite } from '../prisma/demo-admin.ts';

export const DEMO_SCHEMA = 'prisma/schema';
export const DEFAULT_DEMO_URL = 'file:./prisma/demo.db';

export async function buildDemoServer(url: string, overrides: Partial<AdminServerOptions> = {}, demo: { uploads?: string } = {}) {
  const prisma = await openDemoClient(url);
  // The demo schema says sqlite; on PostgreSQL the admin must know it talks to PostgreSQL (search, raw queries).
  const provider = providerOfUrl(url);
  const schema = provider === 'sqlite' ? DEMO_SCHEMA : parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), provider));
  const app = await createAdminServer({ schema, prisma, site: demoSite(demo), templates: DEMO_TEMPLATES, logger: process.env.LOG === '1', ...overrides });
  app.addHook('onClose', () => prisma.$disconnect());
  return app;
}

/**
 * The demo's superuser: ADMIN_USERNAME / ADMIN_PASSWORD when set, else `admin` with a new random password at every
 * start (printed), so the demo never ships a known password.
 */
export async function ensureDemoSuperuser(
  url: string,
  env = process.env,
  { hash = hashPassword }: { hash?: (password: string) => Promise<string> } = {},
): Promise<{ username: string; password: string; generated: boolean }> {
  const username = env.ADMIN_USERNAME?.trim() || 'admin';
  const generated = !env.ADMIN_PASSWORD;
  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  const prisma = await openDemoClient(url);
  try {
    const passwordHash = await hash(password);
    await prisma.adminUser.upsert({
      where: { username },
      create: { username, passwordHash, isSuperuser: true, isActive: true },
      update: { passwordHash, isSuperuser: true, isActive: true, failedLogins: 0, lockedUntil: null },
    });
  } finally {
    await prisma.$disconnect();
  }
  return { username, password, generated };
}

export async function startDemo(): Promise<void> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DEMO_URL;
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await ensureDemoDatabase(url);
  const login = await ensureDemoSuperuser(url);
  // DEMO_RUN_AS_JOB_ABOVE: a lower threshold of the progress pages (the browser tests import above it).
  const jobsAbove = Number(process.env.DEMO_RUN_AS_JOB_ABOVE);
  const app = await buildDemoServer(url, Number.isInteger(jobsAbove) && jobsAbove > 0 ? { runAsJobAbove: jobsAbove } : {});
  try {
    await app.listen({ port, host });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      console.error(`Port ${port} on ${host} is in use. Stop what runs there, or choose another port: PORT=3001 npm start`);
      process.exit(1);
    }
    throw error;
  }
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  console.log(`\nThe demo blog admin is ready: http://${shown}:${port}/admin/`);
  console.log(`Log in as ${login.username} with the password ${login.generated ? `${login.password} (new at every start; set ADMIN_PASSWORD to choose one)` : 'from ADMIN_PASSWORD'}.\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
}
