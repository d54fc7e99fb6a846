// Dev only: `prisma db push` for a fresh database where the Prisma CLI cannot download its schema engine.
//   node --import tsx scripts/db/push.ts <schema file or folder> <url> [--provider sqlite|postgresql]
// --provider rewrites the schema's datasource provider first (e.g. run the sqlite demo schema on PostgreSQL);
// without it a provider that does not match the URL is switched to the URL's (this script is for dev databases).
import { applySchema, providerOfSchema, providerOfUrl, readSchemaFiles, redact, withProvider, type Provider } from './apply-schema.ts';

const usage = 'usage: node --import tsx scripts/db/push.ts <schema file or folder> <url> [--provider sqlite|postgresql]';

async function main(argv: string[]): Promise<void> {
  const args = argv.filter((arg) => !arg.startsWith('--'));
  const providerFlag = argv.indexOf('--provider');
  const provider = providerFlag >= 0 ? (argv[providerFlag + 1] as Provider | undefined) : undefined;
  if (provider) args.splice(args.indexOf(provider), 1);
  const [schemaPath, url] = args;
  if (!schemaPath || !url) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  let files = readSchemaFiles(schemaPath);
  const target = provider ?? providerOfUrl(url);
  if (providerOfSchema(files).replace(/^postgres$/, 'postgresql') !== target) files = withProvider(files, target);
  const started = Date.now();
  await applySchema(files, url);
  console.log(`Applied ${schemaPath} to ${redact(url)} in ${Date.now() - started} ms`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
