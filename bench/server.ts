// One benchmarked server, run as a child process of bench/run.ts (NODE_ENV=production):
//   node --import tsx --expose-gc bench/server.ts admin|baseline <database url>
// `admin` is the demo blog admin (as scripts/demo-server.ts builds it); `baseline` is a bare fastify app running the
// admin's list and form queries (bench/baseline/). Both listen on 127.0.0.1 on a free port, sent to the parent over
// IPC, and add the benchmark's own routes under /__bench/ (outside the admin, which stays as users run it):
//   POST /__bench/record   start recording the SQL statements Prisma runs
//   GET  /__bench/recorded stop, and return them
//   GET  /__bench/memory   process.memoryUsage() after a full GC
//   GET  /__bench/queries  how many SQL statements the process has run (the client waits for it to stop moving)
//   POST /__bench/profile/start, /__bench/profile/stop   V8's CPU profile of the requests in between (bench/profile.ts)
import { Session } from 'node:inspector/promises';
import type { FastifyInstance } from 'fastify';
import { DEMO_TEMPLATES, demoSite } from '../prisma/demo-admin.ts';
import { DEMO_SCHEMA } from '../scripts/demo-server.ts';
import { providerOfUrl } from '../scripts/db/apply-schema.ts';
import { createAdminServer } from '../src/index.ts';
import { createBaselineServer } from './baseline/server.ts';
import { demoSchemaFor, openCountingClient, type QueryCounter } from './client.ts';

const [mode, url] = process.argv.slice(2);
if ((mode !== 'admin' && mode !== 'baseline') || !url) {
  console.error('usage: bench/server.ts admin|baseline <database url>');
  process.exit(2);
}

const counter: QueryCounter = { total: 0, recorded: null };
const prisma = await openCountingClient(url, counter);
const provider = providerOfUrl(url) === 'sqlite' ? 'sqlite' : 'postgresql';

let app: FastifyInstance;
if (mode === 'admin') {
  // Like buildDemoServer(url), with the client above and the schema metadata of the URL's provider.
  app = await createAdminServer({ schema: provider === 'sqlite' ? DEMO_SCHEMA : demoSchemaFor(url), prisma, site: demoSite(), templates: DEMO_TEMPLATES });
} else {
  app = await createBaselineServer(prisma, provider);
}

app.post('/__bench/record', async () => {
  counter.recorded = [];
  return { ok: true };
});
app.get('/__bench/recorded', async () => {
  const sql = counter.recorded ?? [];
  counter.recorded = null;
  return { count: sql.length, sql };
});
app.get('/__bench/queries', async () => ({ total: counter.total }));
app.get('/__bench/memory', async () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
});

const inspector = new Session();
app.post('/__bench/profile/start', async () => {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 250 });
  await inspector.post('Profiler.start');
  return { ok: true };
});
app.post('/__bench/profile/stop', async () => {
  const { profile } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  return profile;
});

app.addHook('onClose', () => prisma.$disconnect());
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ ready: typeof address === 'object' && address ? address.port : null, pid: process.pid });

process.on('disconnect', () => void app.close().then(() => process.exit(0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
