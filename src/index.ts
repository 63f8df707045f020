// The library API: the same pipeline as `palisade scan`, for programs.
import type { ScanReport } from './model/types.js';
import { readFiles, type FileSourceOptions } from './sources/files/index.js';
import { scan, type ScanOptions } from './engine/scan.js';
import { trippedGates, type Gates } from './engine/gates.js';

export interface ScanPathsOptions extends ScanOptions, FileSourceOptions {}

/** Scans files and directories (`-` for stdin) and returns the JSON report. Throws UsageError on a bad selection. */
export function scanPaths(paths: string[], options: ScanPathsOptions = {}): ScanReport {
  const started = performance.now();
  return scan(readFiles(paths, options), { startedAt: started, ...options });
}

export { scan, trippedGates };
export type { Gates, ScanOptions };
export { formatJson } from './report/json.js';
export { formatPretty } from './report/pretty.js';
export { CONTROLS, getControl, resolveControlName } from './controls/index.js';
export { FRAMEWORKS } from './frameworks/index.js';
export { UsageError } from './model/errors.js';
export type * from './model/types.js';
