// The library API: the same pipeline as `palisade scan`, for programs.
import type { ScanReport } from './model/types.js';
import { readFiles, type FileSourceOptions } from './sources/files/index.js';
import { scan, SCHEMA_VERSION, type ScanInput, type ScanOptions } from './engine/scan.js';
import { trippedGates, type Gates } from './engine/gates.js';
import type { ImageError, ImageScan } from './model/vulnerability.js';

export interface ScanPathsOptions extends ScanOptions, FileSourceOptions {
  /**
   * Images already read, with the vulnerabilities the database matched (status `failed`): judged
   * in the same report, joined to the resources whose containers run them.
   */
  images?: ImageScan[];
  /** Images that could not be read: input errors naming the image. */
  imageErrors?: ImageError[];
  /** Why the images were not judged (no vulnerability database), when they were not. */
  imagesNotJudged?: string;
}

/** Scans files and directories (`-` for stdin) and returns the JSON report. Throws UsageError on a bad selection. */
export function scanPaths(paths: string[], options: ScanPathsOptions = {}): ScanReport {
  const started = performance.now();
  const input: ScanInput = readFiles(paths, options);
  if (options.images !== undefined) input.images = options.images;
  if (options.imageErrors !== undefined) input.imageErrors = options.imageErrors;
  if (options.imagesNotJudged !== undefined) input.imagesNotJudged = options.imagesNotJudged;
  return scan(input, { startedAt: started, ...options });
}

export { scan, trippedGates, SCHEMA_VERSION };
export type { Gates, ScanInput, ScanOptions };
export { showSeverities } from './report/severity-filter.js';
export { formatSarif } from './report/sarif.js';
export { formatJunit } from './report/junit.js';
export { formatPrometheus } from './report/prometheus.js';
export { formatPolicyReport } from './report/policy-report.js';
export { formatHtml } from './report/html.js';
export { formatCyclonedx, type CyclonedxOptions } from './report/cyclonedx.js';
export type { ExceptionRule, ImageMatcher } from './engine/exceptions.js';
export { VULNERABILITY_SEVERITIES } from './model/vulnerability.js';
export { ATTACK_TACTICS } from './model/attack-path.js';
export type * from './model/attack-path.js';
export type * from './model/vulnerability.js';
export { formatJson } from './report/json.js';
export { formatPretty } from './report/pretty.js';
export { CONTROLS, getControl, resolveControlName } from './controls/index.js';
export { FRAMEWORKS } from './frameworks/index.js';
export { UsageError } from './model/errors.js';
export type * from './model/types.js';
