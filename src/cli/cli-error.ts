/** A failure the person can fix; the CLI prints its message alone (no stack trace) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}
