// Dev/test only: Prisma's schema engine compiled to WASM, loaded by hand because Node 20 cannot import a .wasm module.
// On a normal machine `prisma db push` / `prisma migrate deploy` does this job; here the CLI cannot download its binary.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
export type SchemaEngine = import('@prisma/schema-engine-wasm/schema_engine_bg').SchemaEngine;

let loaded: Promise<EngineModule> | undefined;

/** Loads (once per process) the WASM schema engine and returns its bindings. */
export function loadSchemaEngineWasm(): Promise<EngineModule> {
  loaded ??= (async () => {
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bindings: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings as never });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start(): void };
    (bindings as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bindings;
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/** The smallest part of a driver adapter factory we rely on (typed loosely: adapter packages pin their own utils). */
interface AdapterFactory {
  readonly provider: string;
  readonly adapterName: string;
  connect(): Promise<{ dispose(): Promise<void> }>;
  connectToShadowDb?(): Promise<{ dispose(): Promise<void> }>;
}

/**
 * Runs `job` with a schema engine over the given schema files and driver adapter factory, then frees the engine and
 * disposes every connection the engine opened (the engine never disposes them itself: a pg pool left open keeps the
 * process alive for its 10 s idle timeout).
 */
export async function withSchemaEngine<T>(
  files: { path: string; content: string }[],
  adapterFactory: AdapterFactory,
  job: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    async connect() {
      const adapter = await adapterFactory.connect();
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      if (!adapterFactory.connectToShadowDb) throw new Error(`${adapterFactory.adapterName} has no shadow database`);
      const adapter = await adapterFactory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const bound = bindMigrationAwareSqlAdapterFactory(tracked as unknown as SqlMigrationAwareDriverAdapterFactory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, bound);
    return await job(engine);
  } catch (error) {
    throw engineError(error);
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/** The engine throws plain objects or errors whose message is the whole diagnostic; keep that text, drop the noise. */
function engineError(error: unknown): Error {
  if (error instanceof Error) return error;
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return new Error(message);
}
