// `palisade fix`: scan, apply the automatic fixes of failed findings to the files in place (or show
// them as a diff with --dry-run), list what needs a person, and check with a second scan.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import { readFiles } from '../sources/files/index.js';
import { scan, type ScanOptions } from '../engine/scan.js';
import { selectControls } from '../engine/select.js';
import { DEFAULT_INPUTS } from '../controls/inputs.js';
import { planFixes, writeRoots, type Unfixed } from '../fix/plan.js';
import { fixText, type PlannedFix } from '../fix/file.js';
import { redactedDiff } from '../fix/diff.js';
import { findConfig, loadConfig } from './config.js';
import { loadExceptionsFile } from './exceptions-file.js';
import { formatError } from './scan-command.js';
import { EXIT } from './exit-codes.js';
import { escapeControls, escapeMultiline } from '../report/safe-text.js';

export interface FixFlags {
  dryRun?: boolean;
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  config?: string;
  exceptions?: string;
  maxFileSize?: string;
}

interface Changed { real: string; file: string; before: string; after: string; bom: boolean; fixes: PlannedFix[] }

export function runFix(paths: string[], flags: FixFlags): number {
  const targets = paths.length ? paths : ['.'];
  if (targets.includes('-')) throw new UsageError('fix edits files in place: it cannot fix standard input (-)');
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`config file not found: ${flags.config}`);
  const configFile = flags.config ?? findConfig(targets);
  const config = configFile ? loadConfig(configFile) : undefined;
  const maxMiB = Number(flags.maxFileSize ?? '50');
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError(`--max-file-size: expected a positive number of MiB, got "${flags.maxFileSize}"`);
  const options: ScanOptions = {
    framework: flags.framework ?? config?.framework,
    controls: flags.controls,
    excludeControls: flags.excludeControls,
    disabled: config?.disabledControls,
    includeNamespaces: config?.includeNamespaces,
    excludeNamespaces: config?.excludeNamespaces,
    inputs: config?.inputs,
    exceptions: [...(config?.exceptions ?? []), ...(flags.exceptions ? loadExceptionsFile(flags.exceptions) : [])],
  };
  selectControls(options);
  const fileOptions = { maxFileSize: Math.floor(maxMiB * 1024 * 1024) };

  const input = readFiles(targets, fileOptions);
  const report = scan(input, options);
  const plan = planFixes(report, input.resources, writeRoots(targets));

  const applied: PlannedFix[] = [];
  const refused: Unfixed[] = [...plan.refused];
  let unchanged = 0;
  const changed: Changed[] = [];
  for (const [real, { file, fixes }] of plan.files) {
    const read = readText(real);
    if ('refused' in read) {
      for (const f of fixes) refused.push(unfixed(f, read.refused));
      continue;
    }
    const result = fixText(read.text, file, fixes);
    const here: PlannedFix[] = [];
    for (const { fix, outcome } of result.outcomes) {
      if (outcome.status === 'applied') here.push(fix);
      else if (outcome.status === 'unchanged') unchanged++;
      else refused.push(unfixed(fix, outcome.reason));
    }
    applied.push(...here);
    if (result.text !== read.text) changed.push({ real, file, before: read.text, after: result.text, bom: read.bom, fixes: here });
  }

  const sensitive = { ...DEFAULT_INPUTS, ...stripUndefined(config?.inputs ?? {}) };
  const out = flags.dryRun ? process.stderr : process.stdout;
  if (flags.dryRun) {
    for (const c of changed) process.stdout.write(escapeMultiline(redactedDiff(c.file, c.before, c.after, sensitive)));
  } else {
    for (const c of changed) writeKeepingMode(c.real, (c.bom ? '\uFEFF' : '') + c.after);
  }

  const stillFailing = flags.dryRun || changed.length === 0 ? [] : recheck(targets, fileOptions, options, applied);
  out.write(summary(applied, unchanged, changed, plan.manual, refused, stillFailing, !!flags.dryRun));
  if (report.errors.length) {
    process.stderr.write(`palisade: ${report.errors.length} input error(s); fixed what could be read:\n`);
    for (const e of report.errors) process.stderr.write(`  ${formatError(e)}\n`);
    return EXIT.INPUT;
  }
  return refused.length || stillFailing.length ? EXIT.GATE : EXIT.OK;
}

function readText(file: string): { text: string; bom: boolean } | { refused: string } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { refused: `cannot read it again: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if ((buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0xff && buf[1] === 0xfe)) {
    return { refused: 'the file is UTF-16; convert it to UTF-8 to fix it automatically' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return { refused: 'the file is not valid UTF-8; not edited' };
  }
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, bom };
}

/** Writes through a temporary file in the same directory, keeping the file's mode. */
function writeKeepingMode(real: string, text: string): void {
  const mode = fs.statSync(real).mode;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.palisade-fix-${process.pid}`);
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, real);
}

/** The applied fixes whose finding a fresh scan still reports as failed. */
function recheck(targets: string[], fileOptions: { maxFileSize: number }, options: ScanOptions, applied: PlannedFix[]): PlannedFix[] {
  const again: ScanReport = scan(readFiles(targets, fileOptions), options);
  const failing = new Set<string>();
  for (const f of again.findings) {
    if (f.status !== 'failed') continue;
    for (const p of f.paths) failing.add(`${f.controlId}\n${f.resourceId}\n${p.path}`);
  }
  return applied.filter((f) => failing.has(`${f.controlId}\n${f.resourceId}\n${f.findingPath}`));
}

function unfixed(fix: PlannedFix, reason: string): Unfixed {
  const src = fix.resource.source;
  return { controlId: fix.controlId, resourceId: fix.resourceId, where: src.file && src.line ? `${src.file}:${src.line}` : src.file, reason: `${fix.description}: ${reason}` };
}

function summary(
  applied: PlannedFix[], unchanged: number, changed: Changed[], manual: Unfixed[], refused: Unfixed[],
  stillFailing: PlannedFix[], dryRun: boolean,
): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const c of changed) {
    lines.push(`${verb} ${c.file}: ${c.fixes.length} change(s)`);
    for (const f of c.fixes) lines.push(`  ${f.resourceId}  ${f.controlId}: ${f.description}`);
  }
  if (applied.length === 0) {
    lines.push(unchanged ? `nothing to fix: the ${unchanged} automatic fix(es) are already in place` : 'nothing to fix: no failed finding has an automatic fix');
  } else {
    lines.push(dryRun
      ? `${applied.length} fix(es) would change ${changed.length} file(s); nothing written (--dry-run)`
      : `${applied.length} fix(es) applied to ${changed.length} file(s)`);
  }
  if (manual.length) {
    lines.push('', `needs your input (${manual.length}): no automatic fix, a value only you can choose`);
    for (const m of manual) lines.push(`  ${m.where ?? '-'}  ${m.controlId}  ${m.resourceId}: ${m.reason}`);
  }
  if (refused.length) {
    lines.push('', `not applied (${refused.length}):`);
    for (const r of refused) lines.push(`  ${r.where ?? '-'}  ${r.controlId}  ${r.resourceId}: ${r.reason}`);
  }
  if (stillFailing.length) {
    lines.push('', `still failing after the fix (${stillFailing.length}):`);
    for (const f of stillFailing) lines.push(`  ${f.resourceId}  ${f.controlId}: ${f.findingPath}`);
  }
  // each entry is one line; file names, resource ids and reasons in it come from the input
  return lines.map(escapeControls).join('\n') + '\n';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
