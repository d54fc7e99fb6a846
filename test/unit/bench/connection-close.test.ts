// The benchmark's load client and a server that closes the connection after each answer (gunicorn's sync workers,
// which serve Django's admin column): every request sent is answered, none lost on a closing socket, and no
// connection errors (bench/connection-close.ts).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { run } from '../../../bench/load.ts';

let server: http.Server;
let base: string;
let received = 0;

before(async () => {
  server = http.createServer((request, response) => {
    received++;
    // A little work per request, as a page takes, so that a run sends a few hundred.
    setTimeout(() => response.writeHead(200, { connection: 'close', 'content-type': 'text/plain' }).end('ok'), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('every request sent to a server that closes each connection is answered, with no connection errors', async () => {
  const connections = 4;
  const sample = await run(base, '', { kind: 'get', path: '/' }, connections, 2, [process.pid]);
  assert.ok(sample.latencies.length > 20, `${sample.latencies.length} answers`);
  assert.equal(sample.errors, 0, 'connection errors');
  // At most one request per connection is still in flight when the run stops.
  assert.ok(sample.sent - sample.latencies.length <= connections, `${sample.sent} sent, ${sample.latencies.length} answered`);
  assert.ok(received >= sample.latencies.length && received <= sample.sent, `${received} received by the server`);
});
