// What `scan` and `fix` are asked to do, from one place: the config file (given, found from the
// scanned paths upward, or none with --no-config), the exceptions, and the flags that override the
// config — as the engine's ScanOptions.
import fs from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { ScanOptions } from '../engine/scan.js';
import { selectControls } from '../engine/select.js';
import { findConfig, loadConfig, type PalisadeConfig } from './config.js';
import { loadExceptionsFile } from './exceptions-file.js';
import { parsePssVersion } from '../controls/templates/pss.js';

export interface SettingsFlags {
  /** --framework, repeatable and comma-separated. */
  framework?: string[];
  controls?: string[];
  excludeControls?: string[];
  /** -n/--namespace; --include-namespaces is the same, under its older name. */
  namespace?: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  /** A file, or false for --no-config. */
  config?: string | false;
  exceptions?: string;
  /** false: --no-annotation-exceptions. */
  annotationExceptions?: boolean;
  maxFileSize?: string;
  verbose?: boolean;
  /** --pss-version: overrides the config's inputs.pssVersion. */
  pssVersion?: string;
}

export interface Settings {
  config: PalisadeConfig;
  /** The engine's options; the selection is already checked (an unknown control id is exit 2 before anything is read). */
  options: ScanOptions;
  /** Bytes: larger files and standard input are refused. */
  maxFileSize: number;
  /** Warnings about the settings themselves, for the report (a scanned path whose own config is not the one used). */
  warnings: string[];
}

const NO_CONFIG: PalisadeConfig = { inputs: {}, disabledControls: [], gates: {}, exceptions: [] };

export function loadSettings(targets: string[], flags: SettingsFlags): Settings {
  const warnings: string[] = [];
  let configFile: string | undefined;
  if (typeof flags.config === 'string') {
    if (!fs.existsSync(flags.config)) throw new UsageError(`config file not found: ${flags.config}`);
    configFile = flags.config;
  } else if (flags.config !== false) {
    const found = findConfig(targets);
    configFile = found.file;
    for (const n of found.notUsed) {
      warnings.push(`${n.file} is not used for ${n.path}: a scan has one config, and ${found.file} came first (use --config to choose)`);
    }
  }
  const config = configFile ? loadConfig(configFile) : NO_CONFIG;
  const maxMiB = Number(flags.maxFileSize ?? '50');
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError(`--max-file-size: expected a positive number of MiB, got "${flags.maxFileSize}"`);
  const included = [...flags.namespace ?? [], ...flags.includeNamespaces ?? []];
  const options: ScanOptions = {
    framework: flags.framework ?? config.framework,
    controls: flags.controls,
    excludeControls: flags.excludeControls,
    disabled: config.disabledControls,
    includeNamespaces: included.length ? included : config.includeNamespaces,
    excludeNamespaces: flags.excludeNamespaces ?? config.excludeNamespaces,
    inputs: flags.pssVersion !== undefined ? { ...config.inputs, pssVersion: pssVersionFlag(flags.pssVersion) } : config.inputs,
    exceptions: [...config.exceptions, ...(flags.exceptions ? loadExceptionsFile(flags.exceptions) : [])],
    annotationExceptions: flags.annotationExceptions ?? config.annotationExceptions,
    verbose: flags.verbose,
  };
  selectControls(options);
  return { config, options, maxFileSize: Math.floor(maxMiB * 1024 * 1024), warnings };
}

/** --pss-version as Pod Security Admission writes a version (`v1.34`, `latest`; `1.34` too); anything else is a usage error. */
function pssVersionFlag(text: string): string {
  if (parsePssVersion(text) === undefined) throw new UsageError(`--pss-version: expected a Pod Security Standards version such as v1.34 or latest, got "${text}"`);
  return text.trim();
}
