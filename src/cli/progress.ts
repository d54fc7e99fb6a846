// A progress line for a step that takes seconds (the first `prisma generate`): says what is happening at once, then the
// elapsed seconds — rewritten in place on a terminal, a line every few seconds in a log.
const TICK_MS = 1000;
const LOG_EVERY_S = 5;

export interface Progress {
  /** Stops the ticking; the caller prints the outcome. */
  stop(): void;
}

/**
 * @example
 * const progress = startProgress('Generating the Prisma client');
 * try { await generate(); } finally { progress.stop(); }
 */
export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  stream.write(stream.isTTY ? `${label}… 0 s` : `${label}…\n`);
  const timer = setInterval(() => {
    const seconds = elapsed();
    if (stream.isTTY) stream.write(`\r${label}… ${seconds} s`);
    else if (seconds % LOG_EVERY_S === 0) stream.write(`${label}… ${seconds} s\n`);
  }, TICK_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (stream.isTTY) stream.write('\n');
    },
  };
}
