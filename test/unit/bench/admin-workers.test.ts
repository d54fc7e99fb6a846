// The admin's column of the benchmark as users deploy it (bench/server.ts, bench/servers.ts): with 2 workers, the
// cluster machinery of `serve --workers` starts two serving processes behind one port; both serve a load's requests,
// CPU is counted over the primary and the workers, and the benchmark's own routes reach every worker (a statement
// recording or a memory reading of one worker alone would miss the requests the other served).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { BENCH_LOGIN } from '../../../bench/data.ts';
import { logIn } from '../../../bench/http.ts';
import { cpuMsOf, recordQueries, serverMemory, startServer, waitIdle, type RunningServer } from '../../../bench/servers.ts';
import { ensureDemoSuperuser } from '../../../scripts/demo-server.ts';
import { freshSqliteDatabase } from '../../support/databases.ts';

let db: Awaited<ReturnType<typeof freshSqliteDatabase>>;
let server: RunningServer;
let cookie: string;

before(async () => {
  db = await freshSqliteDatabase();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: BENCH_LOGIN.username, ADMIN_PASSWORD: BENCH_LOGIN.password });
  server = await startServer('admin', db.url, 2);
  cookie = await logIn(server.base, BENCH_LOGIN);
});

after(async () => {
  await server?.stop();
  await db?.cleanup();
});

function get(path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${server.base}${path}`, { agent, headers: { cookie } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

test('two workers serve the list page, counted together with their primary', async () => {
  assert.equal(server.pids().length, 3);
  assert.equal(server.pids()[0], server.pid);
  assert.equal(server.controls.length, 2);
  const workers = server.pids().slice(1);
  const agents = Array.from({ length: 4 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const before = workers.map((pid) => cpuMsOf([pid])!);
  for (let round = 0; round < 10; round++) assert.deepEqual(await Promise.all(agents.map((agent) => get('/admin/post/', agent))), [200, 200, 200, 200]);
  for (const agent of agents) agent.destroy();
  await waitIdle(server);
  const busy = workers.map((pid, i) => cpuMsOf([pid])! - before[i]);
  assert.ok(busy.every((ms) => ms > 0), `CPU ms of each worker over 40 requests: ${busy.join(', ')}`);
});

test("the benchmark's routes reach every worker", async () => {
  // Several requests on fresh connections: whichever worker answers each, its statements are recorded.
  const sql = await recordQueries(server, () => Promise.all(Array.from({ length: 4 }, () => fetch(`${server.base}/admin/post/`, { headers: { cookie } }).then((r) => r.text()))));
  assert.ok(sql.length >= 4, `${sql.length} statements recorded for 4 list pages`);
  const memory = await serverMemory(server);
  assert.ok(memory.heapUsed > 0 && memory.rss > memory.heapUsed);
});
