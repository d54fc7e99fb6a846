// `prisma-admin-site <command>`: serve, check, init, createsuperuser. Errors are one clear line, never a stack trace
// (PRISMA_ADMIN_DEBUG=1 adds the stack of an unexpected error).
import { CliError } from './cli-error.ts';

const USAGE = `Usage: prisma-admin-site <command> [options]

Commands:
  serve             Serve the admin over a Prisma schema and its database (no code needed)
  check             Check the schema, the config and the database's tables without serving
  init              Add the admin's own models (users, permissions, sessions, audit log) to your schema folder
  createsuperuser   Create an admin user with every permission

Run \`prisma-admin-site <command> --help\` for a command's options.`;

// Each command's module is loaded only when it runs: `serve` pulls in the whole admin, `--help` should not wait for it.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (args) => (await import('./serve.ts')).serveCommand(args),
  check: async (args) => (await import('./check.ts')).checkCommand(args),
  init: async (args) => (await import('./init.ts')).initCommand(args),
  createsuperuser: async (args) => (await import('./createsuperuser.ts')).createSuperuserCommand(args),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command “${command}”.\n\n${USAGE}`);
    return 1;
  }
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`Error: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    if (process.env.PRISMA_ADMIN_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    return 1;
  }
}
