// Dev/test only: Prisma's schema engine compiled to WASM, loaded by hand because Node 20 cannot import a .wasm module.
// On a normal machine `prisma db push` / `prisma migrate deploy` does this job; here the CLI cannot download its binary.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let loaded: Promise<EngineModule> | undefined;

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
  return loaded;
}
