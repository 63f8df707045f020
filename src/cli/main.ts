#!/usr/bin/env node
// The `palisade` binary.
import { main } from './program.js';

// A reader that goes away (`palisade scan | head`, `palisade scan 2>&1 | head`) is not an error:
// stop writing, keep the exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
