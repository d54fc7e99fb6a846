// The calls into Prisma's own schema parser (@prisma/prisma-schema-wasm, the same WASM module the Prisma CLI uses).
// Nothing here interprets the schema language itself.

import { get_config, get_datamodel, merge_schemas } from '@prisma/prisma-schema-wasm';
import type { DmmfDatamodel } from './dmmf-types.ts';
import { schemaErrorFromPrisma } from './schema-error.ts';

/** `[path, content]` pairs, the shape every WASM entry point takes. */
export type SchemaFileTuples = Array<[path: string, content: string]>;

// A Rust panic in the WASM module reports its message through this global before trapping; without one the module
// fails with an unrelated TypeError. Install a collector unless the host (e.g. Prisma's CLI) already has one.
let lastPanic: string | null = null;
const host = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
host.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

function callPrisma<T>(call: () => T): T {
  lastPanic = null;
  try {
    return call();
  } catch (error) {
    throw schemaErrorFromPrisma(error, lastPanic);
  }
}

/**
 * Validates the schema and returns DMMF's `datamodel`. `get_datamodel` is the DMMF builder of `get_dmmf` without the
 * query schema and mappings: the same validation and the same datamodel JSON, but ~280 KB instead of ~12 MB for a
 * 100-model schema (about 15 ms instead of a second with its JSON.parse), which matters for start-up time.
 * Throws a SchemaError with Prisma's message (file and line included) when the schema is invalid.
 */
export function prismaDatamodel(files: SchemaFileTuples): DmmfDatamodel {
  const json = callPrisma(() => get_datamodel(JSON.stringify({ prismaSchema: files, noColor: true })));
  return JSON.parse(json) as DmmfDatamodel;
}

/** The `provider` of the datasource block as Prisma normalises it (`postgres` → `postgresql`), or null without one. */
export function prismaProvider(files: SchemaFileTuples): string | null {
  const json = callPrisma(() => get_config(JSON.stringify({ prismaSchema: files, ignoreEnvVarErrors: true, env: {} })));
  const result = JSON.parse(json) as { config?: { datasources?: { activeProvider?: string; provider?: string }[] } };
  const datasource = result.config?.datasources?.[0];
  return datasource?.activeProvider ?? datasource?.provider ?? null;
}

/** All files merged into one, in Prisma's canonical formatting (what `prisma format` writes). */
export function prismaFormattedSchema(files: SchemaFileTuples): string {
  return callPrisma(() => merge_schemas(JSON.stringify({ schema: files })));
}
