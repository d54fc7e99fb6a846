// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Context { [key: string]: unknown }
  export interface RequestData {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }
  export interface Request extends RequestData {
    setupRequest?: (request: RequestData, context: Context) => RequestData | null | undefined;
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
  }
  /** One connection of a run (autocannon's lib/httpClient.js; its underscored methods are internal). */
  export interface AutocannonClient extends EventEmitter {
    _doRequest(...args: unknown[]): unknown;
    _connect(...args: unknown[]): unknown;
  }
  export interface Options extends RequestData {
    url: string;
    /** Called with each connection's client as it is made. */
    setupClient?: (client: AutocannonClient) => void;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Request[];
  }
  export interface Result {
    duration: number;
    start: Date;
    finish: Date;
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: { sent: number };
  }
  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
