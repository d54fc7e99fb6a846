// A small parser for `--name value` / `--name=value` / `--flag` options, with the command's own list of names.
import { CliError } from './cli-error.ts';

export interface ParsedArgs {
  options: Record<string, string | true>;
  positional: string[];
}

export function parseArgs(args: string[], known: string[]): ParsedArgs {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new CliError(`Unknown option --${name}. Options: ${known.map((k) => `--${k}`).join(', ')}.`);
    if (inline !== undefined) options[name] = inline;
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) options[name] = args[++i];
    else options[name] = true;
  }
  return { options, positional };
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options[name];
  if (value === true) throw new CliError(`--${name} needs a value.`);
  return value;
}
