// The introspector: a Prisma schema (one file or a multi-file folder) → our model metadata, read with Prisma's own
// WASM parser. Everything else in the program reads the metadata, never DMMF.

import { datamodelToMeta } from './dmmf-to-meta.ts';
import { scanFormattedBlocks } from './formatted-blocks.ts';
import { prismaDatamodel, prismaFormattedSchema, prismaProvider, type SchemaFileTuples } from './prisma-wasm.ts';
import { SchemaError } from './schema-error.ts';
import { loadSchemaFiles } from './schema-files.ts';
import { withoutUnknownPreviewFeatures } from './preview-features.ts';
import type { Provider, SchemaMeta } from './types.ts';

export { SchemaError } from './schema-error.ts';

const RELATIONAL_PROVIDERS: ReadonlySet<string> = new Set(['sqlite', 'postgresql', 'mysql', 'sqlserver', 'cockroachdb']);

/**
 * Introspects a schema given as file contents. Throws a SchemaError with Prisma's own message (file and line
 * included) when the schema is invalid, and when its datasource is missing or is MongoDB.
 *
 * @example
 * const schema = parseSchemaFiles([{ path: 'schema.prisma', content: 'datasource db { ... } model Post { ... }' }]);
 * schema.models.map((model) => model.name); // ['Post']
 */
export function parseSchemaFiles(files: { path: string; content: string }[]): SchemaMeta {
  if (files.length === 0) throw new SchemaError('No Prisma schema files were given.');
  // A preview feature this Prisma no longer knows only concerns a generator: it must not stop the admin.
  const tuples: SchemaFileTuples = withoutUnknownPreviewFeatures(files).files.map((file) => [file.path, file.content]);
  const datamodel = prismaDatamodel(tuples);
  const provider = relationalProvider(prismaProvider(tuples));
  const blocks = scanFormattedBlocks(prismaFormattedSchema(tuples));
  return datamodelToMeta(datamodel, blocks, provider);
}

/**
 * Reads and introspects a `schema.prisma` file, or a folder of `.prisma` files (recursively, as Prisma does).
 *
 * @example
 * const schema = await readSchema('prisma/schema.prisma');
 * findModel(schema, 'Post')?.fields.map((field) => field.name);
 */
export async function readSchema(pathToFileOrFolder: string): Promise<SchemaMeta> {
  return parseSchemaFiles(await loadSchemaFiles(pathToFileOrFolder));
}

function relationalProvider(provider: string | null): Provider {
  if (provider === null) {
    throw new SchemaError(
      'The Prisma schema has no datasource block. Add one so prisma-admin-site knows the database, e.g.\n' +
        'datasource db {\n  provider = "postgresql"\n}',
    );
  }
  if (provider === 'mongodb') {
    throw new SchemaError(
      'The Prisma schema uses the mongodb provider, which prisma-admin-site does not support: it works with relational ' +
        'databases only (sqlite, postgresql, mysql, sqlserver, cockroachdb).',
    );
  }
  if (!RELATIONAL_PROVIDERS.has(provider)) {
    throw new SchemaError(`prisma-admin-site does not support the datasource provider "${provider}".`);
  }
  return provider as Provider;
}
