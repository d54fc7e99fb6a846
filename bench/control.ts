// The benchmark's own routes of one serving process, on a port of its own (listened on exclusively, so that with
// several cluster workers each has its own: the admin's shared port hands a request to whichever worker is free):
//   POST /__bench/record   start recording the SQL statements Prisma runs
//   GET  /__bench/recorded stop, and return them
//   GET  /__bench/memory   process.memoryUsage() after a full GC
//   GET  /__bench/queries  how many SQL statements the process has run (the client waits for it to stop moving)
//   POST /__bench/profile/start, /__bench/profile/stop   V8's CPU profile of the requests in between (bench/profile.ts)
import { Session } from 'node:inspector/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { QueryCounter } from './client.ts';

/** Starts the control routes on 127.0.0.1 (a free port); resolves with the server and its base URL. */
export async function startControl(counter: QueryCounter): Promise<{ app: FastifyInstance; base: string }> {
  const app = Fastify();
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
  await app.listen({ host: '127.0.0.1', port: 0, exclusive: true });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}
