// `palisade scan`: config + flags → sources → engine → formats → gates → exit code.
import fs from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import { readFiles } from '../sources/files/index.js';
import { NODE_SECTIONS, mergeInputs, noteNode, readNodeInput } from './node-input.js';
import { scan } from '../engine/scan.js';
import { selectControls } from '../engine/select.js';
import { parsePercent, parseSeverity, trippedGates, type Gates } from '../engine/gates.js';
import fsPath from 'node:path';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/formats.js';
import { findConfig, loadConfig, type PalisadeConfig } from './config.js';
import { loadExceptionsFile } from './exceptions-file.js';
import { EXIT } from './exit-codes.js';
import { useColor, writeLine } from './terminal.js';
import { escapeControls } from '../report/safe-text.js';

export interface ScanFlags {
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  format?: string[];
  output?: string;
  outputDir?: string;
  failOn?: string;
  complianceThreshold?: string;
  minCoverage?: string;
  config?: string;
  exceptions?: string;
  maxFileSize?: string;
  node?: boolean;
  root?: string;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export async function runScan(paths: string[], flags: ScanFlags): Promise<number> {
  const started = performance.now();
  if (flags.root !== undefined && !flags.node) throw new UsageError('--root needs --node');
  // with --node and no paths, only the host is scanned (not the current directory)
  const targets = paths.length ? paths : flags.node ? [] : ['.'];
  const configFile = flags.config ?? findConfig(targets);
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`config file not found: ${flags.config}`);
  const config: PalisadeConfig = configFile
    ? loadConfig(configFile)
    : { inputs: {}, disabledControls: [], gates: {}, exceptions: [] };
  const exceptions = [...config.exceptions, ...(flags.exceptions ? loadExceptionsFile(flags.exceptions) : [])];

  const formats = chooseFormats(flags);
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
    sections: nodeOnlySections(paths, flags, config),
  };
  selectControls(scanOptions);

  const files = targets.length ? readFiles(targets, { maxFileSize: Math.floor(maxMiB * 1024 * 1024) }) : undefined;
  const node = flags.node ? readNodeInput(flags.root) : undefined;
  const input = node ? mergeInputs(files, node) : files!;
  const report = scan(input, scanOptions);
  if (node) noteNode(report, node, !!flags.quiet);

  writeReports(report, formats, flags, targets);

  for (const w of report.warnings) writeLine(process.stderr, `palisade: warning: ${w}`);
  const tripped = trippedGates(report, gates);
  for (const line of tripped) writeLine(process.stderr, `palisade: gate tripped: ${line}`);
  if (report.errors.length) {
    writeLine(process.stderr, `palisade: ${report.errors.length} input error(s); the report covers what could be read:`);
    for (const e of report.errors) writeLine(process.stderr, `  ${formatError(e)}`);
    return EXIT.INPUT;
  }
  return tripped.length ? EXIT.GATE : EXIT.OK;
}

/**
 * A node-only scan (--node, no paths, no --controls and no framework asked for) runs only the
 * sections about the node, so its compliance and coverage are the node's, not 40-odd manifest
 * controls skipped for want of workloads.
 */
function nodeOnlySections(paths: string[], flags: ScanFlags, config: PalisadeConfig): string[] | undefined {
  if (!flags.node || paths.length || flags.controls?.length || flags.framework || config.framework) return undefined;
  return [...NODE_SECTIONS];
}

/**
 * Which formats to write. One format goes to stdout, or to --output; several need --output-dir,
 * where each is written under its conventional file name (see OUTPUT_FORMATS). Without --format,
 * an --output name with a format's extension (.json, .sarif, .html, .xml, .prom, .yaml) picks
 * that format; otherwise the format is pretty.
 */
function chooseFormats(flags: ScanFlags): OutputFormat[] {
  if (flags.output && flags.outputDir) throw new UsageError('--output and --output-dir: give one of them');
  const names = flags.format?.length ? flags.format : [formatForFile(flags.output) ?? 'pretty'];
  const formats = [...new Set(names)].map((n) => {
    const f = OUTPUT_FORMATS.get(n);
    if (!f) throw new UsageError(`--format: unknown format "${n}" (one of ${[...OUTPUT_FORMATS.keys()].join(', ')})`);
    return f;
  });
  if (formats.length > 1 && !flags.outputDir) {
    throw new UsageError(`--format ${names.join(',')}: several formats need --output-dir DIR (each is written there under its own file name)`);
  }
  return formats;
}

/** The format whose file name has the same extension as this one, if any. */
function formatForFile(file: string | undefined): string | undefined {
  const ext = file ? fsPath.extname(file).toLowerCase() : '';
  if (!ext) return undefined;
  return [...OUTPUT_FORMATS.values()].find((f) => fsPath.extname(f.fileName) === ext)?.name;
}

function writeReports(report: ScanReport, formats: OutputFormat[], flags: ScanFlags, targets: string[]): void {
  const first = targets.find((t) => t !== '-');
  const root = first ? (isDirectory(first) ? fsPath.resolve(first) : fsPath.dirname(fsPath.resolve(first))) : process.cwd();
  const toStdout = !flags.output && !flags.outputDir;
  for (const format of formats) {
    if (toStdout && flags.quiet && format.name === 'pretty') continue;
    const color = toStdout && useColor(flags.color);
    const ctx = { color, tty: toStdout && process.stdout.isTTY === true, verbose: !!flags.verbose, root };
    const pieces = format.chunks ? format.chunks(report, ctx) : [format.render(report, ctx)];
    const file = flags.outputDir ? fsPath.join(flags.outputDir, format.fileName) : flags.output;
    if (!file) {
      for (const piece of pieces) process.stdout.write(piece);
      continue;
    }
    const fd = openForWriting(file, flags.outputDir ? '--output-dir' : '--output');
    try {
      for (const piece of pieces) fs.writeSync(fd, piece);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Opens a report file, creating its directory; a path that cannot be written is a usage error (exit 2), not an internal one. */
function openForWriting(file: string, flag: string): number {
  try {
    fs.mkdirSync(fsPath.dirname(file), { recursive: true });
    return fs.openSync(file, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EEXIST' || code === 'ENOTDIR' ? 'a part of the path is a file, not a directory'
        : code === 'EISDIR' ? 'it is a directory'
          : code === 'EROFS' ? 'read-only file system' : code ?? String(e);
    throw new UsageError(`${flag}: cannot write ${file}: ${why}`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `file:line:column: message` for a terminal line, its control characters escaped (the file name and message come from the input). */
export function formatError(e: ScanReport['errors'][number]): string {
  const where = e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}` : e.file;
  return escapeControls(`${where}: ${e.message}`);
}
