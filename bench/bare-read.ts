// The export scenario's baseline, run as a child process of bench/export.ts:
//   node --import tsx bench/bare-read.ts <database url> <batch size>
// Every post read by a bare Prisma findMany keyset walk (id order, all scalar fields, the export's batch size, a turn
// of the event loop between batches as ChangeList.rows takes) and thrown away: no admin, no HTTP, no file format. Its
// RSS growth is what the Prisma client alone costs for the rows an export reads. The client is the benchmark server's
// (the same adapter, counting statements). Tells the parent `{ ready: true }` once connected and warmed by one
// batch, waits for `go`, answers `{ rows }` when done.
import { openCountingClient } from './client.ts';

const [url, batchText] = process.argv.slice(2);
const batchSize = Number(batchText);
if (!url || !(batchSize >= 1)) {
  console.error('usage: bench/bare-read.ts <database url> <batch size>');
  process.exit(2);
}

const prisma = await openCountingClient(url, { total: 0, recorded: null });
await prisma.post.findMany({ take: batchSize, orderBy: { id: 'asc' } });
process.once('message', async () => {
  let rows = 0;
  let after: number | null = null;
  for (;;) {
    const batch: { id: number }[] = await prisma.post.findMany({ where: after === null ? {} : { id: { gt: after } }, orderBy: { id: 'asc' }, take: batchSize });
    rows += batch.length;
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  process.send?.({ rows });
  await prisma.$disconnect();
  process.disconnect();
});
process.send?.({ ready: true });
