// Reads a multipart body with busboy's events directly, counting each part as it is parsed. @fastify/multipart's
// `request.parts()` queues parts in an array it copies at every part it hands over (values.slice(1)), so a body of
// many small parts costs time quadratic in their count — seconds of a blocked process for one 1 MiB request. Here
// each part costs the same, and the body is parsed a slice at a time between other requests.
import { Busboy } from '@fastify/busboy';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { SubmittedFile } from '../forms/types.ts';

export interface MultipartSink {
  text(name: string, value: string, valueTruncated: boolean): void;
  file(name: string, file: SubmittedFile): void;
}

export interface MultipartLimits {
  parts: number;
  fieldSize: number;
  fileSize: number;
  /** A smaller limit for the files of one field (a file field's `maxBytes`), counted as the file streams in. */
  fileSizeFor?(name: string): number | undefined;
  /** The error for a body over the parts limit (the caller's 413). */
  tooManyParts(): Error;
}

/** Feeds every part of the request to `sink`, in order; a sink that throws stops the reading with its error. */
export function readMultipartBody(request: FastifyRequest, limits: MultipartLimits, sink: MultipartSink): Promise<void> {
  return new Promise((resolve, reject) => {
    const raw = request.raw;
    let failed = false;
    const files: Promise<void>[] = [];
    let bb: ReturnType<typeof Busboy>;
    try {
      bb = new Busboy({
        headers: raw.headers as { 'content-type': string },
        limits: { parts: limits.parts, fields: limits.parts, files: limits.parts, fieldSize: limits.fieldSize, fileSize: limits.fileSize },
      });
    } catch (error) {
      // A multipart content type without a boundary (or another header busboy cannot use): the client's mistake.
      raw.resume();
      reject(Object.assign(new Error(`The form could not be read: ${(error as Error).message}`), { statusCode: 400 }));
      return;
    }
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true; // the pump below reads the rest of the body and drops it, so the answer reaches the client
      reject(error);
    };
    const guarded = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => {
      if (failed) return;
      try {
        handler(...args);
      } catch (error) {
        fail(error);
      }
    };
    bb.on('field', guarded((name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => sink.text(name, value, valueTruncated)));
    bb.on('file', (name, stream, filename, _encoding, mimetype) => {
      const chunks: Buffer[] = [];
      const fieldLimit = limits.fileSizeFor?.(name) ?? Infinity;
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > fieldLimit) chunks.length = 0; // over the field's limit: the rest is read and dropped
        else if (!failed) chunks.push(chunk);
      });
      files.push(new Promise<void>((done) => {
        stream.on('end', guarded(() => {
          const tooLargeAbove = stream.truncated ? Math.min(limits.fileSize, fieldLimit) : size > fieldLimit ? fieldLimit : undefined;
          const data = tooLargeAbove === undefined ? Buffer.concat(chunks) : Buffer.alloc(0);
          sink.file(name, { filename, mimetype, data, ...(tooLargeAbove !== undefined ? { tooLargeAbove } : {}) });
        }));
        stream.on('close', () => done());
        stream.on('end', () => done());
        stream.on('error', (error) => {
          fail(error);
          done();
        });
      }));
    });
    for (const event of ['partsLimit', 'fieldsLimit', 'filesLimit'] as const) bb.on(event, () => fail(limits.tooManyParts()));
    bb.on('error', (error: unknown) => fail(Object.assign(new Error(`The form could not be read: ${(error as Error).message}`), { statusCode: 400 })));
    bb.on('finish', () => {
      void Promise.all(files).then(() => {
        if (!failed) resolve();
      });
    });
    pump(raw, bb, () => failed).catch(fail);
  });
}

/** Bytes parsed between two turns of the event loop: a few milliseconds of busboy's work at most. */
const SLICE_BYTES = 8 * 1024;

/**
 * Writes the body into busboy a slice at a time, letting other requests be served between slices: piped, a body
 * already received is parsed in one go (busboy handles each small part in turn), and a flood of them holds the process.
 */
async function pump(raw: AsyncIterable<Buffer>, bb: Writable, stopped: () => boolean): Promise<void> {
  for await (const chunk of raw) {
    if (stopped()) continue;
    for (let at = 0; at < chunk.length && !stopped(); at += SLICE_BYTES) {
      if (!bb.write(chunk.subarray(at, at + SLICE_BYTES))) await once(bb, 'drain');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!stopped()) bb.end();
}
