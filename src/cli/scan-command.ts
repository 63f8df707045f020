// `palisade scan`: config + flags → sources → engine → formats → gates → exit code.
import fs from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import { readFiles } from '../sources/files/index.js';
import { scan } from '../engine/scan.js';
import { selectControls } from '../engine/select.js';
import { parsePercent, parseSeverity, trippedGates, type Gates } from '../engine/gates.js';
import { formatJson } from '../report/json.js';
import { formatPretty } from '../report/pretty.js';
import { findConfig, loadConfig, type PalisadeConfig } from './config.js';
import { loadExceptionsFile } from './exceptions-file.js';
import { EXIT } from './exit-codes.js';
import { useColor } from './terminal.js';

export interface ScanFlags {
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  format?: string[];
  output?: string;
  failOn?: string;
  complianceThreshold?: string;
  minCoverage?: string;
  config?: string;
  exceptions?: string;
  maxFileSize?: string;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
}

const FORMATS = ['pretty', 'json'] as const;
type Format = (typeof FORMATS)[number];

export async function runScan(paths: string[], flags: ScanFlags): Promise<number> {
  const started = performance.now();
  const targets = paths.length ? paths : ['.'];
  const configFile = flags.config ?? findConfig(targets);
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`config file not found: ${flags.config}`);
  const config: PalisadeConfig = configFile
    ? loadConfig(configFile)
    : { inputs: {}, disabledControls: [], gates: {}, exceptions: [] };
  const exceptions = [...config.exceptions, ...(flags.exceptions ? loadExceptionsFile(flags.exceptions) : [])];

  const format = chooseFormat(flags);
  const gates: Gates = {
    failOn: flags.failOn !== undefined ? parseSeverity(flags.failOn, '--fail-on') : config.gates.failOn,
    complianceThreshold: flags.complianceThreshold !== undefined
      ? parsePercent(flags.complianceThreshold, '--compliance-threshold') : config.gates.complianceThreshold,
    minCoverage: flags.minCoverage !== undefined ? parsePercent(flags.minCoverage, '--min-coverage') : config.gates.minCoverage,
  };
  const maxMiB = Number(flags.maxFileSize ?? '50');
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError(`--max-file-size: expected a positive number of MiB, got "${flags.maxFileSize}"`);

  // Validate the selection before reading anything: an unknown control id is exit 2, not an empty pass.
  const scanOptions = {
    framework: flags.framework ?? config.framework,
    controls: flags.controls,
    excludeControls: flags.excludeControls,
    disabled: config.disabledControls,
    includeNamespaces: flags.includeNamespaces ?? config.includeNamespaces,
    excludeNamespaces: flags.excludeNamespaces ?? config.excludeNamespaces,
    inputs: config.inputs,
    exceptions,
    verbose: flags.verbose,
    startedAt: started,
  };
  selectControls(scanOptions);

  const input = readFiles(targets, { maxFileSize: Math.floor(maxMiB * 1024 * 1024) });
  const report = scan(input, scanOptions);

  const color = format === 'pretty' && !flags.output && useColor(flags.color);
  const text = format === 'json' ? formatJson(report) : formatPretty(report, { color, verbose: !!flags.verbose });
  if (flags.output) {
    fs.writeFileSync(flags.output, text);
  } else if (!flags.quiet || format === 'json') {
    process.stdout.write(text);
  }

  for (const w of report.warnings) process.stderr.write(`palisade: warning: ${w}\n`);
  const tripped = trippedGates(report, gates);
  for (const line of tripped) process.stderr.write(`palisade: gate tripped: ${line}\n`);
  if (report.errors.length) {
    process.stderr.write(`palisade: ${report.errors.length} input error(s); the report covers what could be read:\n`);
    for (const e of report.errors) process.stderr.write(`  ${formatError(e)}\n`);
    return EXIT.INPUT;
  }
  return tripped.length ? EXIT.GATE : EXIT.OK;
}

function chooseFormat(flags: ScanFlags): Format {
  const list = flags.format ?? [];
  if (list.length > 1) throw new UsageError(`--format: one format at a time for now (got ${list.join(', ')})`);
  const f = list[0] ?? (flags.output || !process.stdout.isTTY ? (flags.output?.endsWith('.json') ? 'json' : 'pretty') : 'pretty');
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: unknown format "${f}" (one of ${FORMATS.join(', ')})`);
  return f as Format;
}

export function formatError(e: ScanReport['errors'][number]): string {
  const where = e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}` : e.file;
  return `${where}: ${e.message}`;
}
