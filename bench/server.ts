// One benchmarked server, run as a child process of bench/run.ts (NODE_ENV=production):
//   node --import tsx --expose-gc bench/server.ts admin|baseline <database url> [workers]
// `admin` is the demo blog admin (as scripts/demo-server.ts builds it); `baseline` is a bare fastify app running the
// admin's list and form queries (bench/baseline/). It listens on 127.0.0.1 on a free port. With workers > 1 this
// process is the primary of that many cluster workers, started and supervised by the machinery of
// `serve --workers` (src/cli/workers.ts), as a user deploys the admin on a machine with that many CPUs. Each serving
// process has the benchmark's own routes on a port of its own (bench/control.ts), outside the admin, which stays as
// users run it. The parent gets over IPC: { ready: port, pids: serving processes, controls: their control URLs }.
import type { FastifyInstance } from 'fastify';
import { DEMO_TEMPLATES, demoSite } from '../prisma/demo-admin.ts';
import { DEMO_SCHEMA } from '../scripts/demo-server.ts';
import { providerOfUrl } from '../scripts/db/apply-schema.ts';
import { createAdminServer } from '../src/index.ts';
import { isServeWorker, leaveCluster, reportListening, runWorkers, workerStopSignal } from '../src/cli/workers.ts';
import { createBaselineServer } from './baseline/server.ts';
import { demoSchemaFor, openCountingClient, type QueryCounter } from './client.ts';
import { collectControls, reportControl } from './cluster-controls.ts';
import { startControl } from './control.ts';

const [mode, url, workersText = '1'] = process.argv.slice(2);
const workers = Number(workersText);
if ((mode !== 'admin' && mode !== 'baseline') || !url || !(workers >= 1)) {
  console.error('usage: bench/server.ts admin|baseline <database url> [workers]');
  process.exit(2);
}

if (workers > 1 && !isServeWorker()) {
  const controls = collectControls();
  const stop = new Promise<void>((resolve) => {
    process.once('disconnect', () => resolve());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  const code = await runWorkers(workers, {
    onReady: (port) => process.send?.({ ready: port, pids: [process.pid, ...controls.pids()], controls: controls.urls() }),
    stopSignal: stop,
  });
  process.exit(code);
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
const control = await startControl(counter);

app.addHook('onClose', () => prisma.$disconnect());
app.addHook('onClose', () => control.app.close());
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
if (isServeWorker()) {
  reportControl(control.base);
  reportListening(port);
  await workerStopSignal();
  await app.close();
  leaveCluster();
  process.exit(0);
}
process.send?.({ ready: port, pids: [process.pid], controls: [control.base] });

process.on('disconnect', () => void app.close().then(() => process.exit(0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
