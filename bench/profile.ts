// Where the admin's CPU goes on a list page: V8's sampling profiler runs inside the admin's process (started and
// stopped over /__bench/profile/, so only the profiled requests are in it) while autocannon drives the page, and each
// sample is charged to the code area of the innermost frame that belongs to one (a template's compiled function has
// no file, so its samples go to eta, which called it). Profiling slows the process, so these runs are not the ones
// the requests/s columns come from.
import autocannon from 'autocannon';
import { cpuMsOf, type RunningServer } from './servers.ts';

interface CallFrame { functionName: string; url: string }
interface ProfileNode { id: number; callFrame: CallFrame; parent?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Code areas, tried in this order on each frame from the innermost out; the first that matches takes the sample. */
const AREAS: { name: string | null; test: (f: CallFrame) => boolean }[] = [
  // The profiler's own stop request.
  { name: null, test: (f) => f.url === 'node:inspector' },
  { name: 'Session check (src/auth, session cookie)', test: (f) => /\/src\/auth\/|\/src\/http\/security\/(session|authenticate)\.ts/.test(f.url) },
  { name: 'CSRF token (@fastify/csrf-protection, csrf)', test: (f) => /\/@fastify\/csrf-protection\/|\/node_modules\/csrf\/|\/src\/http\/security\/csrf\.ts/.test(f.url) },
  { name: 'Prisma client (query building, result mapping)', test: (f) => /\/@prisma\/|\/prisma\/generated|query_compiler|^wasm:/.test(f.url) },
  { name: 'Database driver (pg, better-sqlite3)', test: (f) => /\/node_modules\/(pg|pg-protocol|pg-pool|pg-types|better-sqlite3)\//.test(f.url) },
  { name: 'eta render (templates)', test: (f) => /\/node_modules\/eta\//.test(f.url) },
  { name: 'Admin code (src/views, src/data, src/admin, src/http)', test: (f) => /\/src\//.test(f.url) || /\/prisma\/demo-admin\.ts/.test(f.url) },
  { name: 'fastify and its plugins', test: (f) => /\/node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse)\//.test(f.url) },
  { name: 'Node.js HTTP and runtime', test: (f) => f.url.startsWith('node:') },
  { name: 'Garbage collection', test: (f) => f.functionName === '(garbage collector)' },
];
const OTHER = 'Other (program, other libraries)';

export interface PhaseProfile {
  path: string;
  requests: number;
  /**
   * Sampled ms per request, by area (idle excluded), largest first. V8 charges a sample the wall time since the one
   * before, so on a busy machine a frame the process was descheduled in (a socket write that wakes the database) is
   * charged the time it waited: `cpuMsPerRequest` scales each area's share to the process's measured CPU time.
   */
  areas: { name: string; msPerRequest: number; cpuMsPerRequest: number | null }[];
  msPerRequest: number;
  /** The server process's user + system CPU time per request over the profiled run (/proc), or null elsewhere. */
  cpuMsPerRequest: number | null;
}

function areaOf(nodes: Map<number, ProfileNode>, id: number, memo: Map<number, string | null>): string | null {
  if (memo.has(id)) return memo.get(id)!;
  const node = nodes.get(id)!;
  let area: string | null;
  if (node.callFrame.functionName === '(idle)') area = null;
  else {
    const found = AREAS.find((a) => a.test(node.callFrame));
    area = found ? found.name : node.parent !== undefined ? areaOf(nodes, node.parent, memo) : OTHER;
  }
  memo.set(id, area);
  return area;
}

/** Charges every sample's time to an area. */
export function areasOf(profile: CpuProfile): Map<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const child of n.children ?? []) nodes.get(child)!.parent = n.id;
  const memo = new Map<number, string | null>();
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const area = areaOf(nodes, id, memo);
    if (area) micros.set(area, (micros.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return micros;
}

/** Profiles `path` on the admin for `seconds` (after a short warm-up) with `connections` connections. */
export async function profilePage(server: RunningServer, cookie: string, path: string, seconds: number, connections = 4): Promise<PhaseProfile> {
  const drive = async (duration: number) => {
    let ok = 0;
    const instance = autocannon({ url: server.base, connections, duration, headers: { cookie }, requests: [{ method: 'GET', path }] });
    instance.on('response', (_client, status) => { if (status === 200) ok++; });
    await instance;
    return ok;
  };
  await drive(2);
  // Every serving process is profiled (with workers, each answers some of the requests).
  for (const base of server.controls) await fetch(`${base}/__bench/profile/start`, { method: 'POST' });
  const cpuBefore = cpuMsOf(server.pids());
  const requests = await drive(seconds);
  // The requests still in flight when the run stopped finish (their CPU is counted, as in the runs).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuAfter = cpuMsOf(server.pids());
  const micros = new Map<string, number>();
  for (const base of server.controls) {
    const profile = (await (await fetch(`${base}/__bench/profile/stop`, { method: 'POST' })).json()) as CpuProfile;
    for (const [area, us] of areasOf(profile)) micros.set(area, (micros.get(area) ?? 0) + us);
  }

  const perRequest = (total: number) => total / Math.max(1, requests);
  const sampled = perRequest([...micros.values()].reduce((sum, us) => sum + us, 0) / 1000);
  const cpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : perRequest(cpuAfter - cpuBefore);
  const areas = [...micros].map(([name, us]) => {
    const msPerRequest = perRequest(us / 1000);
    return { name, msPerRequest, cpuMsPerRequest: cpuMsPerRequest === null || sampled === 0 ? null : (msPerRequest / sampled) * cpuMsPerRequest };
  }).sort((a, b) => b.msPerRequest - a.msPerRequest);
  return { path, requests, areas, msPerRequest: sampled, cpuMsPerRequest };
}

export function profileMarkdown(engine: string, p: PhaseProfile): string {
  const lines = [`### Where the admin's CPU goes: ${engine}, \`${p.path}\``, '',
    `V8's sampling profiler (250 µs) inside the admin's process over ${p.requests.toLocaleString('en-US')} requests; each sample charged to the innermost frame's code area `
    + '(Prisma\'s time includes the session check\'s own SQL, since Prisma runs it). Profiled apart from the measured runs: the profiler slows the process. '
    + 'A sample is charged the wall time since the one before, so on a busy machine the sampled time exceeds the CPU time (a socket write that wakes the database is charged the wait); '
    + 'the CPU column is each area\'s share of the process\'s CPU time over the profiled requests (/proc, user + system).', '',
    '| Code area | sampled ms per request | CPU ms per request | share |', '|---|--:|--:|--:|'];
  const cpu = (ms: number | null) => (ms === null ? 'n/a' : ms.toFixed(2));
  for (const a of p.areas) lines.push(`| ${a.name} | ${a.msPerRequest.toFixed(2)} | ${cpu(a.cpuMsPerRequest)} | ${((a.msPerRequest / p.msPerRequest) * 100).toFixed(0)}% |`);
  lines.push(`| **Total** | **${p.msPerRequest.toFixed(2)}** | **${cpu(p.cpuMsPerRequest)}** | |`, '');
  return lines.join('\n');
}

