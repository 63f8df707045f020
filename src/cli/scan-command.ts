// `palisade scan`: config + flags → sources → engine → (--severity) → formats → gates → exit code.
import fs from 'node:fs';
import fsPath from 'node:path';
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import { scan } from '../engine/scan.js';
import { checkThresholdFrameworks, parseSeverity, parseThreshold, trippedGates, type Gates } from '../engine/gates.js';
import { resolveFrameworks } from '../engine/select.js';
import { annotateReport } from '../sources/combine.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/formats.js';
import { loadSettings, type SettingsFlags } from './settings.js';
import { checkSourceFlags, readSources, targetPaths, type SourceFlags } from './sources.js';
import { EXIT } from './exit-codes.js';
import { useColor, writeLine } from './terminal.js';
import { escapeControls } from '../report/safe-text.js';
import { showSeverities } from '../report/severity-filter.js';
import { repositoryRoot } from './find-up.js';

export interface ScanFlags extends SettingsFlags, SourceFlags {
  format?: string[];
  output?: string;
  outputDir?: string;
  /** Show only these severities (comma lists, repeatable). */
  severity?: string[];
  /** The directory SARIF URIs are relative to (default: the repository root of the first path). */
  sarifRoot?: string;
  failOn?: string;
  /** Exit 1 when an open attack path is at or above this severity. */
  failOnPath?: string;
  complianceThreshold?: string;
  minCoverage?: string;
  color?: boolean;
  /** Drop vulnerabilities with no fixed version. */
  ignoreUnfixed?: boolean;
  /** The image sources' flags, wired in src/cli/sources.ts: named here for the checks that need them. */
  image?: string[];
  scanImages?: boolean;
}

/** Flags that only mean something when images are scanned: an error without an image source, not a silent no-op. */
export function checkImageFlags(flags: ScanFlags): void {
  const images = !!flags.image?.length || !!flags.scanImages;
  if (flags.ignoreUnfixed && !images) throw new UsageError('--ignore-unfixed needs images to scan (--image REF or --scan-images)');
}

export async function runScan(paths: string[], flags: ScanFlags): Promise<number> {
  const started = performance.now();
  checkSourceFlags(flags);
  checkImageFlags(flags);
  const targets = targetPaths(paths, flags);
  // Everything the flags and the config decide is checked before anything is read: an unknown
  // control id or format is exit 2, not an empty pass after a long cluster read.
  const { config, options, maxFileSize, warnings } = loadSettings(targets, flags);
  const formats = chooseFormats(flags);
  const severities = flags.severity?.length ? [...new Set(flags.severity.map((s) => parseSeverity(s, '--severity')))] : undefined;
  const sarifRoot = chooseSarifRoot(flags, formats, targets);
  const gates: Gates = {
    failOn: flags.failOn !== undefined ? parseSeverity(flags.failOn, '--fail-on') : config.gates.failOn,
    failOnPath: flags.failOnPath !== undefined ? parseSeverity(flags.failOnPath, '--fail-on-path') : config.gates.failOnPath,
    complianceThreshold: flags.complianceThreshold !== undefined
      ? parseThreshold(flags.complianceThreshold, '--compliance-threshold') : config.gates.complianceThreshold,
    minCoverage: flags.minCoverage !== undefined ? parseThreshold(flags.minCoverage, '--min-coverage') : config.gates.minCoverage,
  };
  const scored = resolveFrameworks(options.framework).map((f) => f.id);
  checkThresholdFrameworks(gates.complianceThreshold, '--compliance-threshold', scored);
  checkThresholdFrameworks(gates.minCoverage, '--min-coverage', scored);

  const input = await readSources(paths, flags, {
    maxFileSize, includeNamespaces: options.includeNamespaces, excludeNamespaces: options.excludeNamespaces,
  });
  // Sources that inform only some sections (--node alone) are scored against those sections,
  // unless the user asked for controls or a framework.
  const narrowed = flags.controls?.length || options.framework ? undefined : input.sections;
  // the packages of each image are in the report only when asked (--verbose) or when a format lists them
  const includePackages = formats.some((f) => f.needsPackages);
  const full = scan(input, { ...options, startedAt: started, sections: narrowed, ignoreUnfixed: flags.ignoreUnfixed, includePackages });
  annotateReport(full, input);
  if (config.file) full.config = { file: config.file };
  full.warnings.unshift(...warnings);
  if (!flags.quiet) for (const n of input.notes) writeLine(process.stderr, `palisade: ${n}`);
  if (!flags.quiet && includePackages && !full.images?.length) {
    writeLine(process.stderr, 'palisade: the SBOM lists no packages: no image was scanned (scan images with --image REF or --scan-images)');
  }
  // --severity hides the other severities in every output, and --fail-on counts only what is
  // shown, as Trivy's --exit-code does; compliance and coverage stay those of the whole scan.
  const report = severities ? showSeverities(full, severities) : full;

  writeReports(report, formats, flags, targets, sarifRoot);

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

/**
 * The directory SARIF URIs are relative to: --sarif-root, else the repository root (the nearest
 * directory with `.git`) of the first path scanned (or of the current directory), else the scan
 * root. GitHub code scanning places alerts by paths relative to the repository root, whatever
 * directory was scanned.
 */
function chooseSarifRoot(flags: ScanFlags, formats: OutputFormat[], targets: string[]): string {
  if (flags.sarifRoot !== undefined) {
    if (!formats.some((f) => f.name === 'sarif')) throw new UsageError('--sarif-root needs the sarif format (--format sarif, or an --output file ending in .sarif)');
    if (!isDirectory(flags.sarifRoot)) throw new UsageError(`--sarif-root: not a directory: ${flags.sarifRoot}`);
    return fsPath.resolve(flags.sarifRoot);
  }
  return repositoryRoot(scanRoot(targets)) ?? scanRoot(targets);
}

/** The first directory scanned (a file's directory), or the current directory. */
function scanRoot(targets: string[]): string {
  const first = targets.find((t) => t !== '-');
  return first ? (isDirectory(first) ? fsPath.resolve(first) : fsPath.dirname(fsPath.resolve(first))) : process.cwd();
}

function writeReports(report: ScanReport, formats: OutputFormat[], flags: ScanFlags, targets: string[], sarifRoot: string): void {
  const root = scanRoot(targets);
  const toStdout = !flags.output && !flags.outputDir;
  for (const format of formats) {
    if (toStdout && flags.quiet && format.name === 'pretty') continue;
    const color = toStdout && useColor(flags.color);
    const tty = toStdout && process.stdout.isTTY === true;
    // pretty wraps to the terminal's width; piped or in a file, lines stay whole (for grep)
    const ctx = { color, tty, width: tty ? process.stdout.columns : undefined, verbose: !!flags.verbose, root, sarifRoot };
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
