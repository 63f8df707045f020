#!/usr/bin/env node
// Runs a command now and then every SECONDS, for as long as it is not stopped:
//
//   node rescan.mjs SECONDS -- COMMAND [ARG ...]
//
// For the node-scanner DaemonSet (deploy/node-scanner.yaml): a DaemonSet's pods must keep
// running, while `palisade scan --node` is one scan that exits (0, 1 when a gate trips, 3 when
// some file could not be read). Run directly, it would be restarted with a growing back-off and
// shown as CrashLoopBackOff whatever its exit code. This runs it, passes its standard output and
// error through (the report is the container's log), writes its exit status to stderr, waits,
// and runs it again. SIGTERM or SIGINT stop the command and this process (exit 0). Copied into
// the image by the Dockerfile; no dependencies.
import { spawn } from 'node:child_process';

const [seconds, separator, command, ...args] = process.argv.slice(2);
if (!/^\d+$/.test(seconds ?? '') || Number(seconds) < 1 || separator !== '--' || !command) {
  process.stderr.write('usage: rescan.mjs SECONDS -- COMMAND [ARG ...]\n');
  process.exit(2);
}
const intervalMs = Number(seconds) * 1000;

let child;
let timer;
let stopping = false;

function stop() {
  stopping = true;
  clearTimeout(timer);
  if (child) child.kill('SIGTERM');
  else process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

function run() {
  child = spawn(command, args, { stdio: 'inherit' });
  child.on('error', (e) => {
    process.stderr.write(`rescan: cannot run ${command}: ${e.message}\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    child = undefined;
    if (stopping) process.exit(0);
    const status = signal ? `was stopped by ${signal}` : `exited with ${code}`;
    process.stderr.write(`rescan: ${command} ${status}; next run in ${seconds} s\n`);
    timer = setTimeout(run, intervalMs);
  });
}

run();
