// Start-up time: how long the admin takes from "register the plugin" to `app.ready()` for a 100-model schema (schema
// read through Prisma's WASM parser, metadata, admin classes, routes), next to a bare fastify app with one route.
// Each measurement runs in a fresh process (module imports timed apart), so nothing is warm from an earlier start:
//   node --import tsx bench/startup.ts admin|bare   → one JSON line
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// Not from data.ts: importing it would load the admin's modules before the timing starts.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const HUNDRED_MODELS = 'test/fixtures/schemas/hundred-models.prisma';

export interface StartupSample {
  importMs: number;
  /** The first start in the process. */
  readyMs: number;
  /** A second start in the same process (modules, WASM and caches warm). */
  warmReadyMs: number;
}

async function measureInProcess(mode: 'admin' | 'bare'): Promise<StartupSample> {
  if (mode === 'bare') {
    const t0 = performance.now();
    const { default: Fastify } = await import('fastify');
    const t1 = performance.now();
    const start = async () => {
      const began = performance.now();
      const app = Fastify({ logger: false });
      app.get('/', async () => 'ok');
      await app.ready();
      const ms = performance.now() - began;
      await app.close();
      return ms;
    };
    return { importMs: t1 - t0, readyMs: await start(), warmReadyMs: await start() };
  }
  // The 100-model schema has no admin models: the admin's user comes from the environment.
  process.env.ADMIN_USERNAME ??= 'bench';
  process.env.ADMIN_PASSWORD ??= 'bench-password-0x5eed';
  const t0 = performance.now();
  const { createAdminServer } = await import('../src/index.ts');
  const t1 = performance.now();
  // The plugin queries its client at request time only; a client object with `$transaction` is all it keeps. (A
  // client generated from the 100-model schema would be needed to serve pages, not to start.)
  const prisma = { $transaction: async () => undefined };
  const start = async () => {
    const began = performance.now();
    const app = await createAdminServer({ schema: path.join(root, HUNDRED_MODELS), prisma });
    await app.ready();
    const ms = performance.now() - began;
    await app.close();
    return ms;
  };
  return { importMs: t1 - t0, readyMs: await start(), warmReadyMs: await start() };
}

function measureInChild(mode: 'admin' | 'bare'): Promise<StartupSample> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'bench/startup.ts'), [mode], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve(message as StartupSample));
    child.once('exit', (code) => code === 0 || reject(new Error(`startup measurement (${mode}) exited with ${code}`)));
  });
}

export interface StartupResult {
  runs: number;
  bare: StartupSample;
  admin: StartupSample;
}

/** The median of `runs` fresh processes of each kind, alternating. */
export async function measureStartup(runs = 5): Promise<StartupResult> {
  const samples: Record<'admin' | 'bare', StartupSample[]> = { admin: [], bare: [] };
  for (let i = 0; i < runs; i++) {
    samples.bare.push(await measureInChild('bare'));
    samples.admin.push(await measureInChild('admin'));
  }
  const median = (list: StartupSample[], key: keyof StartupSample) => {
    const sorted = list.map((s) => s[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const summary = (list: StartupSample[]): StartupSample => ({ importMs: median(list, 'importMs'), readyMs: median(list, 'readyMs'), warmReadyMs: median(list, 'warmReadyMs') });
  return { runs, bare: summary(samples.bare), admin: summary(samples.admin) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'bench/startup.ts')) {
  const mode = process.argv[2];
  if (mode === 'admin' || mode === 'bare') {
    const sample = await measureInProcess(mode);
    if (process.send) process.send(sample, () => process.exit(0));
    else console.log(JSON.stringify(sample));
  } else {
    const result = await measureStartup(Number(process.argv[3] ?? 5));
    console.log(JSON.stringify(result, null, 2));
  }
}
