/// <reference path="./autocannon.d.ts" />
// Drives a server with autocannon. Latencies are taken from every response of the kind being measured (autocannon's
// own histogram keeps 2xx only, and a save answers 303).
import autocannon, { type Request } from 'autocannon';
import { closeAware } from './connection-close.ts';
import { formFields, urlencoded } from './http.ts';
import { cpuMsOf, sampleRss } from './servers.ts';

export interface LoadOptions {
  connections: number;
  /** Measured seconds per scenario and side. */
  seconds: number;
  warmupSeconds: number;
}

/** A GET of one page; or the save cycle: GET a post's change form, POST it back (the save is what is measured). */
export type Plan =
  | { kind: 'get'; path: string }
  | { kind: 'save'; formPath: (postId: number) => string; postIds: number[] };

export interface Measurement {
  /** Measured responses (pages, or saves) per second: see `throughput`. */
  rps: number;
  /** Completed responses over the run's time (loses the requests still in flight when a run stops). */
  completedRps: number;
  /** connections ÷ mean time per request, or per GET + POST cycle (Little's law; autocannon is a closed loop). */
  littleRps: number;
  count: number;
  p50: number;
  p99: number;
  /** Responses that were not what the plan expects (status → count), and connection errors. */
  unexpected: Record<string, number>;
  errors: number;
  /** Peak RSS of the server during the measured run, in bytes. */
  peakRss: number | null;
  /** RSS when the measured run ended. */
  lastRss: number | null;
  /** User + system CPU of the server's processes per measured response, in ms (null where /proc is missing). */
  cpuMsPerRequest: number | null;
  /** The same of the database's backend processes (bench/database-cpu.ts; null: SQLite, or not measured). */
  dbCpuMsPerRequest: number | null;
}

/** One timed run: the raw latencies, so that several runs of a scenario can be merged (see `combine`). */
export interface RunSample {
  connections: number;
  latencies: number[];
  /** The save cycle's GETs of the form. */
  otherLatencies: number[];
  seconds: number;
  unexpected: Record<string, number>;
  errors: number;
  peakRss: number | null;
  lastRss: number | null;
  /** The server's processes' CPU ms when the run began (see `settle`). */
  cpuStart: number | null;
  /** CPU ms of the server's processes over the run, until it had finished what the run left in flight. */
  cpuMs: number | null;
  /** CPU ms of the database's backends over the same time (see bench/database-cpu.ts). */
  dbCpuMs: number | null;
  /** Requests sent (every one served once the server is idle again); a save cycle sends two. */
  sent: number;
  perCycle: number;
}

/** After the server has finished the run's requests (waitIdle): its CPU time over the run. */
export function settle(sample: RunSample, pids: number[]): RunSample {
  const now = cpuMsOf(pids);
  sample.cpuMs = now === null || sample.cpuStart === null ? null : now - sample.cpuStart;
  return sample;
}

/**
 * Merges runs of one scenario and side: percentiles over every latency, and requests/s both ways (`rps` is the
 * completed count per second; `throughput` below picks which one a scenario reports).
 */
export function combine(samples: RunSample[]): Measurement {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const others = samples.flatMap((s) => s.otherLatencies);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const mean = (list: number[]) => (list.length ? list.reduce((sum, n) => sum + n, 0) / list.length : 0);
  const completedRps = latencies.length / seconds;
  const littleRps = latencies.length ? samples[0].connections / ((mean(latencies) + mean(others)) / 1000) : 0;
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  const unexpected: Record<string, number> = {};
  for (const s of samples) for (const [status, n] of Object.entries(s.unexpected)) unexpected[status] = (unexpected[status] ?? 0) + n;
  const peaks = samples.map((s) => s.peakRss).filter((n): n is number => n !== null);
  return {
    rps: completedRps,
    completedRps,
    littleRps,
    count: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    unexpected,
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    peakRss: peaks.length ? Math.max(...peaks) : null,
    lastRss: samples.at(-1)?.lastRss ?? null,
    cpuMsPerRequest: perRequest(samples, (s) => s.cpuMs),
    dbCpuMsPerRequest: perRequest(samples, (s) => s.dbCpuMs),
  };
}

/** CPU ms per request sent (a save: per GET + POST cycle) over runs, or null where one run has no figure. */
function perRequest(samples: RunSample[], ms: (s: RunSample) => number | null): number | null {
  if (!samples.every((s) => ms(s) !== null && s.sent > 0)) return null;
  return samples.reduce((sum, s) => sum + ms(s)!, 0) / samples.reduce((sum, s) => sum + s.sent / s.perCycle, 0);
}

/** Drives `plan` for `seconds` with `connections` connections, sampling the server's RSS meanwhile. */
export async function run(base: string, cookie: string, plan: Plan, connections: number, seconds: number, pids: number[]): Promise<RunSample> {
  const headers = { cookie };
  const latencies: number[] = [];
  const otherLatencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let requests: Request[];
  let measured: (status: number) => boolean;
  let expectedOther: (status: number) => boolean = () => false;
  if (plan.kind === 'get') {
    requests = [{ method: 'GET', path: plan.path }];
    measured = (status) => status === 200;
  } else {
    let next = 0;
    requests = [
      {
        method: 'GET',
        setupRequest: (request, context) => {
          context.postId = plan.postIds[next++ % plan.postIds.length];
          return { ...request, path: plan.formPath(context.postId as number) };
        },
        onResponse: (status, body, context) => {
          context.body = status === 200 ? urlencoded(formFields(body, '/change')) : undefined;
        },
      },
      {
        method: 'POST',
        setupRequest: (request, context) => context.body === undefined ? null : {
          ...request,
          path: plan.formPath(context.postId as number),
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: context.body as string,
        },
      },
    ];
    measured = (status) => status === 303;
    expectedOther = (status) => status === 200;
  }
  const memory = sampleRss(pids);
  const cpuBefore = cpuMsOf(pids);
  const instance = autocannon({ url: base, connections, duration: seconds, timeout: 60, headers, requests, setupClient: closeAware });
  instance.on('response', (_client, status, _bytes, time) => {
    if (measured(status)) latencies.push(time);
    else if (expectedOther(status)) otherLatencies.push(time);
    else unexpected[status] = (unexpected[status] ?? 0) + 1;
  });
  const result = await instance;
  const rss = memory.stop();
  return {
    connections,
    latencies,
    otherLatencies,
    seconds: (result.finish.getTime() - result.start.getTime()) / 1000,
    unexpected,
    errors: result.errors + result.timeouts,
    peakRss: rss.peak,
    lastRss: rss.last,
    cpuStart: cpuBefore,
    cpuMs: null,
    dbCpuMs: null,
    sent: result.requests.sent,
    perCycle: plan.kind === 'save' ? 2 : 1,
  };
}

/** Fewer completed responses than this in a scenario's runs, and requests/s comes from Little's law instead. */
export const MIN_COMPLETED = 200;

/**
 * Sets `rps` of both sides of a scenario the same way: completed responses per second when both sides completed
 * enough of them; otherwise (slow pages: a run stops with up to one request per connection still in flight, a large
 * share of a few dozen) connections ÷ mean latency, which that does not bias. Returns which one it used.
 */
export function throughput(sides: Measurement[]): 'completed' | 'little' {
  const little = sides.some((m) => m.count < MIN_COMPLETED);
  for (const m of sides) m.rps = little ? m.littleRps : m.completedRps;
  return little ? 'little' : 'completed';
}
