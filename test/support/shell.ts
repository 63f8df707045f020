// Runs a shell command line with the built CLI as the shell function `palisade`: for pipes,
// redirections and a closed standard input, which spawning the CLI directly cannot give.
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './cli.js';

/**
 * Runs a shell command line with the built CLI as `palisade`, killed after 20 s (exit 124) so that a
 * hang fails the test. Background writers must send their stderr elsewhere, or the test waits for them.
 */
export function runShell(script: string): { code: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null } {
  const out = spawnSync('sh', ['-c', `palisade() { timeout 20 "$NODE" "$CLI" "$@"; }\n${script}`], {
    cwd: ROOT, encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 28,
    env: { ...process.env, NODE: process.execPath, CLI, NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr, signal: out.signal };
}
