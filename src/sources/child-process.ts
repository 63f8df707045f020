// node:child_process, loaded when a program is first started (helm, kustomize, a credential
// helper): most scans start none, and loading it (with net, dgram and the stream internals it
// pulls in) is a few milliseconds of every start-up.
import { createRequire } from 'node:module';
import type * as ChildProcess from 'node:child_process';

let loaded: typeof ChildProcess | undefined;

export function childProcess(): typeof ChildProcess {
  return (loaded ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);
}
