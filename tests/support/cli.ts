/**
 * The command-line tools as an operator runs them (`npm run admin -- …`): src/cli/run.mjs starts the tool
 * compiled by the build (dist/cli), so the tests exercise what production runs, in a fraction of a second.
 */
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export type Tool = 'admin' | 'codes' | 'billing' | 'backup';

/** The arguments after `node` that run a tool: spawn `process.execPath` with them, from the project root. */
export function cliArgs(tool: Tool, ...args: string[]): string[] {
  return ['src/cli/run.mjs', tool, ...args];
}

/**
 * Runs a tool without blocking this process's event loop (a blocked loop can't retire idle keep-alive
 * sockets, or answer a fake server the tool talks to); rejects with its output when it exits non-zero.
 */
export async function runCli(tool: Tool, args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, cliArgs(tool, ...args), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return stdout;
}

/** Runs a tool and waits for it; throws an error carrying its stderr when it exits non-zero. */
export function runCliSync(tool: Tool, args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, cliArgs(tool, ...args), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool and resolves with its exit code and both outputs, whatever the code (for usage errors). */
export async function runCliOutcome(
  tool: Tool,
  args: string[],
  env: Record<string, string>,
): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(tool, ...args), {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
