#!/usr/bin/env node
// The `palisade` binary.
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
