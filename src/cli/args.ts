/**
 * The command line of a tool: `--help` prints its usage and exits 0; an unknown or malformed option prints
 * one line saying what was wrong and the usage, and exits 2 — never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export type StringOptions = Record<string, { type: 'string' }>;

export interface CommandLine {
  positionals: string[];
  values: Record<string, string | undefined>;
}

/** The parsed arguments, or the exit code when the tool should stop here (help shown, or a usage error). */
export function commandLine(
  usage: string,
  options: StringOptions,
  args = process.argv.slice(2),
): CommandLine | number {
  const config: ParseArgsConfig = {
    args,
    allowPositionals: true,
    strict: true,
    options: { ...options, help: { type: 'boolean', short: 'h' } },
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    // Node's messages carry a hint about `--` for positionals that start with a dash; the first sentence is the problem.
    const message = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    console.error(`${message.replace(/\.$/, '')}.\n\n${usage}`);
    return 2;
  }
  if (parsed.values['help'] === true) {
    console.log(usage);
    return 0;
  }
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(parsed.values))
    if (typeof value === 'string') values[key] = value;
  return { positionals: parsed.positionals, values };
}

/** The options named, each taking a value. */
export function stringOptions(...names: string[]): StringOptions {
  return Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
}
