// Django's admin column of the benchmark (bench/django.ts): gunicorn's two sync workers share the load's connections,
// both serving (a gthread worker keeps the connections it accepted, and one took them all while the other idled).
// Needs Debian's python3-django, gunicorn and python3-psycopg2 (the benchmark installs them; skipped without).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { djangoInstalled, startDjango } from '../../../bench/django.ts';
import { cpuMsOf, type RunningServer } from '../../../bench/servers.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

const skip = !(await postgresAvailable()) ? 'no PostgreSQL test server' : !djangoInstalled() ? "Debian's Django and gunicorn are not installed" : false;
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let django: RunningServer;

before(async () => {
  if (skip) return;
  // Django's own tables are enough for its login page (the blog's models are unmanaged).
  db = await freshPostgresDatabase();
  django = await startDjango(db.url);
});

after(async () => {
  await django?.stop();
  await db?.cleanup();
});

function get(url: string, agent: http.Agent): Promise<{ status: number; reused: boolean; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket, connection: response.headers.connection }));
    });
    request.on('error', reject);
  });
}

test('both workers serve the requests of several connections', { skip }, async () => {
  const connections = 4;
  const server = django;
  {
    const agents = Array.from({ length: connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    // Every connection opened at once, as autocannon opens them, then again and again.
    await Promise.all(agents.map((agent) => get(`${server.base}/django/admin/login/`, agent)));
    const workers = server.pids().slice(1);
    const busyBefore = workers.map((pid) => cpuMsOf([pid])!);
    for (let round = 0; round < 10; round++) await Promise.all(agents.map((agent) => get(`${server.base}/django/admin/login/`, agent)));
    const busy = workers.map((pid, i) => cpuMsOf([pid])! - busyBefore[i]);
    for (const agent of agents) agent.destroy();
    assert.equal(workers.length, 2);
    assert.ok(busy.every((ms) => ms > 0), `CPU ms of each worker over 40 requests: ${busy.join(', ')}`);
  }
});
