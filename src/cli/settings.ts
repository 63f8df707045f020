// What `scan` and `fix` are asked to do, from one place: the config file (given, or found at the
// scan root), the exceptions, and the flags that override the config — as the engine's ScanOptions.
import fs from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { ScanOptions } from '../engine/scan.js';
import { selectControls } from '../engine/select.js';
import { findConfig, loadConfig, type PalisadeConfig } from './config.js';
import { loadExceptionsFile } from './exceptions-file.js';

export interface SettingsFlags {
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  config?: string;
  exceptions?: string;
  maxFileSize?: string;
  verbose?: boolean;
}

export interface Settings {
  config: PalisadeConfig;
  /** The engine's options; the selection is already checked (an unknown control id is exit 2 before anything is read). */
  options: ScanOptions;
  /** Bytes: larger files and standard input are refused. */
  maxFileSize: number;
}

const NO_CONFIG: PalisadeConfig = { inputs: {}, disabledControls: [], gates: {}, exceptions: [] };

export function loadSettings(targets: string[], flags: SettingsFlags): Settings {
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`config file not found: ${flags.config}`);
  const configFile = flags.config ?? findConfig(targets);
  const config = configFile ? loadConfig(configFile) : NO_CONFIG;
  const maxMiB = Number(flags.maxFileSize ?? '50');
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError(`--max-file-size: expected a positive number of MiB, got "${flags.maxFileSize}"`);
  const options: ScanOptions = {
    framework: flags.framework ?? config.framework,
    controls: flags.controls,
    excludeControls: flags.excludeControls,
    disabled: config.disabledControls,
    includeNamespaces: flags.includeNamespaces ?? config.includeNamespaces,
    excludeNamespaces: flags.excludeNamespaces ?? config.excludeNamespaces,
    inputs: config.inputs,
    exceptions: [...config.exceptions, ...(flags.exceptions ? loadExceptionsFile(flags.exceptions) : [])],
    verbose: flags.verbose,
  };
  selectControls(options);
  return { config, options, maxFileSize: Math.floor(maxMiB * 1024 * 1024) };
}
