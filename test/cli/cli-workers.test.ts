// `serve --workers 2`: two worker processes of the primary answer on one port (each owns some of the connections,
// read from the process tree and /proc, not from anything the server says), a killed worker is replaced, and SIGTERM
// stops the primary and its workers with exit code 0. The workers run with a larger V8 young generation than node's
// default (the user's own setting kept).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { freshDatabase, writeFixtureSchema, type FixtureSchema, type FreshDatabase } from './support/cli-fixture.ts';
import { startServe, type ServeProcess } from './support/cli-process.ts';
import { WORKER_SEMI_SPACE_MIB, workerExecArgv } from '../../src/cli/workers.ts';

let schema: FixtureSchema;
let db: FreshDatabase;
let serve: ServeProcess;

before(async () => {
  schema = writeFixtureSchema('sqlite');
  db = await freshDatabase('sqlite', schema.path);
  serve = await startServe(['--schema', schema.path, '--url', db.url, '--workers', '2']);
});
after(async () => {
  await serve?.stop();
  await db?.cleanup();
  schema?.cleanup();
});

/** The serving processes whose parent is `parent` (not tsx's esbuild service of a source checkout). */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const serving = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('prisma-admin-site');
      return serving && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** The inodes of the established TCP connections whose local port is `port` (the server's side of them). */
function serverSideSockets(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '01') continue;
      if (parseInt(cols[1].split(':')[1], 16) === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

function socketsOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const link = (() => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { return ''; } })();
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) inodes.add(m[1]);
  }
  return inodes;
}

/** A GET on its own kept-alive connection; the connection stays open until the agent is destroyed. */
async function getOnOwnConnection(url: string): Promise<{ status: number; agent: http.Agent }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = http.get(url, { agent });
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  response.resume();
  await once(response, 'end');
  return { status: response.statusCode ?? 0, agent };
}

async function waitFor(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ready(), `${what}\n${serve.output()}`);
}

test('two workers answer on the one port', async () => {
  const workers = childrenOf(serve.child.pid!);
  assert.equal(workers.length, 2, `two worker processes: ${workers}`);
  const port = Number(new URL(serve.origin).port);
  const answered = await Promise.all([1, 2, 3, 4].map(() => getOnOwnConnection(`${serve.origin}/admin/login`)));
  try {
    assert.deepEqual(answered.map((a) => a.status), [200, 200, 200, 200]);
    const connections = serverSideSockets(port);
    assert.equal(connections.size, 4, 'the four connections are open');
    for (const pid of workers) {
      const owned = [...socketsOf(pid)].filter((inode) => connections.has(inode));
      assert.ok(owned.length >= 1, `worker ${pid} holds some of the connections`);
    }
  } finally {
    for (const a of answered) a.agent.destroy();
  }
});

test("the workers run with the admin's young generation size", () => {
  for (const pid of childrenOf(serve.child.pid!)) {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    assert.ok(args.includes(`--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`), `worker ${pid}: ${args.join(' ')}`);
  }
});

test("a young generation size of the user's is kept", () => {
  assert.deepEqual(workerExecArgv(['--max-semi-space-size=64'], ''), ['--max-semi-space-size=64']);
  assert.deepEqual(workerExecArgv(['--inspect'], '--max-old-space-size=4096 --max-semi-space-size=8'), ['--inspect']);
  assert.deepEqual(workerExecArgv(['--inspect'], ''), ['--inspect', `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`]);
});

test('a killed worker is replaced, and SIGTERM stops them all', async () => {
  const [victim, survivor] = childrenOf(serve.child.pid!);
  process.kill(victim, 'SIGKILL');
  await waitFor('the primary starts another worker', () => /starting another/.test(serve.output()));
  await waitFor('two workers again', () => {
    const now = childrenOf(serve.child.pid!);
    return now.length === 2 && !now.includes(victim) && now.includes(survivor);
  });
  assert.equal((await getOnOwnConnection(`${serve.origin}/admin/login`)).status, 200);
  const workers = childrenOf(serve.child.pid!);
  assert.equal(await serve.stop(), 0, serve.output());
  for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'the worker is gone');
});
