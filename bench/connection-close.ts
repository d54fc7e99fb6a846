/// <reference path="./autocannon.d.ts" />
// autocannon and a server that closes the connection after each answer (`Connection: close`: gunicorn's sync workers,
// bench/django.ts). autocannon writes the next request as soon as a response ends, on the socket the server is
// closing, then reconnects and sends another: the first is lost, yet stays first in the connection's queue of requests
// awaiting an answer, so every later response on that connection is timed from an earlier request's start (p50s of
// seconds), "requests sent" counts the lost ones (CPU per request sent halved), and a write racing the close is a
// connection error. As a browser does, the client set up here sends nothing more on a connection whose last response
// said it would close, and sends on the new connection autocannon opens.
import type { AutocannonClient } from 'autocannon';

export function closeAware(client: AutocannonClient): void {
  let closing = false;
  client.on('headers', (info: { shouldKeepAlive?: boolean }) => {
    closing = info.shouldKeepAlive === false;
  });
  const doRequest = client._doRequest.bind(client);
  const connect = client._connect.bind(client);
  client._doRequest = (...args: unknown[]) => (closing ? undefined : doRequest(...args));
  client._connect = (...args: unknown[]) => {
    closing = false;
    return connect(...args);
  };
}
