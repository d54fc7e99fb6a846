// `prisma-admin-site createsuperuser --url <database URL> [--username <name>]`: creates (or promotes) an admin user with
// every permission. The password comes from a hidden prompt, or from stdin when it is piped — never from an argument,
// which would land in the shell history and the process list.
import { createInterface } from 'node:readline';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { parseArgs, stringOption } from './args.ts';
import { CliError } from './cli-error.ts';
import { openSqlConnection } from './sql-connection.ts';

const HELP = `Usage: prisma-admin-site createsuperuser --url <database URL> [--username <name>]

Creates an admin user with every permission in the AdminUser table (added by \`prisma-admin-site init\`), or makes an
existing user a superuser with the new password. The password is asked for (hidden), or read from stdin when piped:
  printf '%s\\n' "$PASSWORD" | prisma-admin-site createsuperuser --url file:./dev.db --username admin
Without --username, piped stdin gives the username on its first line and the password on the second.
The URL defaults to $DATABASE_URL.`;

const USERNAME = /^[\w.@+-]{1,150}$/;

export async function createSuperuserCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['url', 'username', 'help']);
  if (parsed.options.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.positional.length) throw new CliError('The password is never taken from an argument: type it at the prompt, or pipe it on stdin.');
  const url = stringOption(parsed, 'url') ?? process.env.DATABASE_URL;
  if (!url) throw new CliError('Pass --url <database URL> (or set DATABASE_URL).');
  const piped = process.stdin.isTTY ? undefined : await stdinLines();
  const username = stringOption(parsed, 'username') ?? (piped ? piped.shift()!.trim() : await ask('Username: '));
  if (!USERNAME.test(username)) throw new CliError('A username has 1 to 150 letters, digits and @ . + - _ characters.');
  const password = piped ? piped.shift()! : await readPassword();
  const problem = passwordProblem(password, username);
  if (problem) throw new CliError(problem);

  const db = await openSqlConnection(url);
  try {
    const q = db.quote;
    let existing: Record<string, unknown>[];
    try {
      existing = await db.run(`SELECT ${q('id')} FROM ${q('AdminUser')} WHERE ${q('username')} = ?`, [username]);
    } catch (error) {
      throw new CliError(`The database has no AdminUser table (${(error as Error).message}). Run \`prisma-admin-site init\`, then your migrations, first.`);
    }
    const hash = await hashPassword(password);
    if (existing.length) {
      await db.run(`UPDATE ${q('AdminUser')} SET ${q('passwordHash')} = ?, ${q('isSuperuser')} = ?, ${q('isActive')} = ? WHERE ${q('username')} = ?`, [hash, true, true, username]);
      console.log(`User “${username}” is now a superuser, with the new password.`);
    } else {
      await db.run(
        `INSERT INTO ${q('AdminUser')} (${['username', 'passwordHash', 'isActive', 'isSuperuser', 'failedLogins', 'createdAt'].map(q).join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`,
        [username, hash, true, true, 0, new Date()],
      );
      console.log(`Superuser “${username}” created.`);
    }
  } finally {
    await db.close();
  }
  return 0;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await new Promise<string>((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}

/**
 * Piped stdin, read to its end once, as lines (at least two, empty when missing). Reading it in two goes (readline for
 * the username, then the rest) lost the second line and left the process waiting on a closed stream.
 */
async function stdinLines(): Promise<string[]> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  const lines = data.split(/\r?\n/);
  while (lines.length < 2) lines.push('');
  return lines;
}

/** A hidden prompt on a terminal, asked twice. */
async function readPassword(): Promise<string> {
  const first = await hiddenPrompt('Password: ');
  const second = await hiddenPrompt('Password (again): ');
  if (first !== second) throw new CliError('The two passwords did not match.');
  return first;
}

function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (buffer: Buffer) => {
      for (const char of buffer.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(text);
        }
        if (char === '\u0003') process.exit(130);
        text = char === '\u007f' ? text.slice(0, -1) : text + char;
      }
    };
    stdin.on('data', onData);
  });
}
