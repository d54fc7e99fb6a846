// CPU per request of one admin page in two checkouts, side by side in one run (A, B, B, A, ...):
//   node --import tsx bench/cpu-ab.ts <checkout A> <checkout B> [--path /admin/post/] [--rounds 3] [--seconds 5] [--db postgres|sqlite] [--node-env production|none] [--workers 1 | --workers 1,2 (A's, B's)]
//                                     [--sqlite-files <file A>,<file B>] (each side its own SQLite file, e.g. with and without an index; the checkouts may be the same)
// Each checkout's bench/server.ts serves the admin (NODE_ENV=production, or unset with --node-env none, as `serve` runs) on the benchmark's 100k database (seeded by
// `npm run bench`), with --workers N as N cluster workers (a checkout whose server.ts predates workers runs one process);
// CPU is the user + system time (/proc) of the server's processes from the start of a run until it has served every
// request sent.
import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_LOGIN, postgresBenchUrl } from './data.ts';
import { logIn } from './http.ts';
import { cpuMsOf } from './servers.ts';

const argv = process.argv.slice(2);
const value = (flag: string, fallback: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : fallback);
const [a, b] = argv.filter((x, i) => !x.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (!a || !b) throw new Error('usage: bench/cpu-ab.ts <checkout A> <checkout B> [--path /admin/post/] [--rounds 3] [--seconds 5]');
const page = value('--path', '/admin/post/');
const rounds = Number(value('--rounds', '3'));
const seconds = Number(value('--seconds', '5'));
const nodeEnv = value('--node-env', 'production');
const [workersA, workersB = workersA] = value('--workers', '1').split(',');
const { NODE_ENV: _unset, ...inherited } = process.env;
// The database as `npm run bench` left it (not reset: a benchmark running beside this keeps its sessions).
const db = { url: value('--db', 'postgres') === 'sqlite' ? `file:${path.resolve('bench/.data/blog.db')}` : postgresBenchUrl() };
const files = argv.includes('--sqlite-files') ? value('--sqlite-files', '').split(',').map((f) => `file:${path.resolve(f)}`) : null;

async function start(checkout: string, side: number, workers: string) {
  const root = path.resolve(checkout);
  const child = fork(path.join(root, 'bench/server.ts'), ['admin', files?.[side] ?? db.url, workers], {
    cwd: root, execArgv: ['--import', 'tsx', '--expose-gc', '--no-deprecation'], env: nodeEnv === 'none' ? inherited : { ...inherited, NODE_ENV: nodeEnv }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ ready: number; pids?: number[] }>((resolve) => child.once('message', resolve));
  const base = `http://127.0.0.1:${ready.ready}`;
  return { root, child, pids: ready.pids ?? [child.pid!], base, cookie: await logIn(base, BENCH_LOGIN), cpu: 0, sent: 0 };
}

const sides = [await start(a, 0, workersA), await start(b, 1, workersB)];
const drive = async (side: (typeof sides)[number], duration: number) => {
  const before = cpuMsOf(side.pids)!;
  const result = await autocannon({ url: side.base, connections: 4, duration, headers: { cookie: side.cookie }, requests: [{ method: 'GET', path: page }] });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return { cpu: cpuMsOf(side.pids)! - before, sent: result.requests.sent };
};
for (const side of sides) await drive(side, 3);
for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 ? [...sides].reverse() : sides) {
    const { cpu, sent } = await drive(side, seconds);
    side.cpu += cpu;
    side.sent += sent;
  }
}
for (const [i, side] of sides.entries()) console.log(`${side.root}${files ? ` on ${files[i]}` : ''}: ${(side.cpu / side.sent).toFixed(2)} CPU ms per request of ${page} (${side.sent} requests, ${side.pids.length} processes)`);
console.log(`B / A: ${((sides[1].cpu / sides[1].sent) / (sides[0].cpu / sides[0].sent)).toFixed(2)}`);
for (const side of sides) side.child.kill('SIGTERM');
