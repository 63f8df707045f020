#!/usr/bin/env node
// The `palisade` binary (bundled to dist/palisade.mjs): runs the CLI bundle beside it with its code
// cache (bundle-loader.ts says why). src/cli/main.ts is the same CLI as plain ES modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle-loader.js';

// A reader that goes away (`palisade scan | head`, `palisade scan 2>&1 | head`) is not an error:
// stop writing, keep the exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

const { main } = loadBundle(path.dirname(fileURLToPath(import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
