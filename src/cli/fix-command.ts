// `palisade fix`: scan, apply the automatic fixes of failed findings to the files in place (or show
// them as a diff with --dry-run), list what needs a person, and check with a second scan.
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import { readFiles } from '../sources/files/index.js';
import { scan, type ScanOptions } from '../engine/scan.js';
import { DEFAULT_INPUTS } from '../controls/inputs.js';
import { planFixes, writeRoots, type Unfixed } from '../fix/plan.js';
import { fixText, type PlannedFix } from '../fix/file.js';
import { redactedDiff } from '../fix/diff.js';
import { readForFix } from '../fix/read.js';
import { replaceFile } from '../fix/write.js';
import { loadSettings, type SettingsFlags } from './settings.js';
import { formatError } from './scan-command.js';
import { EXIT } from './exit-codes.js';
import { escapeControls, escapeMultiline } from '../report/safe-text.js';

export interface FixFlags extends SettingsFlags {
  dryRun?: boolean;
}

interface Changed {
  real: string;
  file: string;
  before: string;
  after: string;
  bom: boolean;
  /** The bytes `before` was read from: the file must still hold them when it is replaced. */
  bytes: Buffer;
  fixes: PlannedFix[];
  /** Why the file could not be written, when it could not. */
  notWritten?: string;
}

export function runFix(paths: string[], flags: FixFlags): number {
  const targets = paths.length ? paths : ['.'];
  if (targets.includes('-')) throw new UsageError('fix edits files in place: it cannot fix standard input (-)');
  const { config, options, maxFileSize, warnings } = loadSettings(targets, flags);
  for (const w of warnings) process.stderr.write(`palisade: warning: ${escapeControls(w)}\n`);
  const fileOptions = { maxFileSize };

  const input = readFiles(targets, fileOptions);
  const report = scan(input, options);
  const plan = planFixes(report, input.resources, writeRoots(targets));

  const applied: PlannedFix[] = [];
  const refused: Unfixed[] = [...plan.refused];
  let unchanged = 0;
  // Every new text is computed before any file is written.
  const changed: Changed[] = [];
  for (const [real, { file, fixes }] of plan.files) {
    const read = readForFix(real);
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
    for (const f of here) applied.push(f); // not push(...): a file can have 100k+ fixes
    if (result.text !== read.text) changed.push({ real, file, before: read.text, after: result.text, bom: read.bom, bytes: read.bytes, fixes: here });
  }

  const sensitive = { ...DEFAULT_INPUTS, ...stripUndefined(config.inputs) };
  const out = flags.dryRun ? process.stderr : process.stdout;
  if (flags.dryRun) {
    for (const c of changed) process.stdout.write(escapeMultiline(redactedDiff(c.file, c.before, c.after, sensitive)));
  } else {
    // file by file: one that cannot be written is reported and the others are still written
    for (const c of changed) {
      const outcome = replaceFile(c.real, c.bytes, (c.bom ? '\uFEFF' : '') + c.after);
      if (!outcome.written) c.notWritten = outcome.reason;
    }
  }

  const written = changed.filter((c) => !c.notWritten);
  const notWritten = changed.filter((c) => c.notWritten);
  const done = flags.dryRun ? applied : written.flatMap((c) => c.fixes);
  const stillFailing = flags.dryRun || written.length === 0 ? [] : recheck(targets, fileOptions, options, done);
  out.write(summary(applied, unchanged, changed, plan.manual, refused, stillFailing, !!flags.dryRun));
  if (notWritten.length) {
    process.stderr.write(`palisade: ${notWritten.length} file(s) could not be written; their fixes were not applied (listed in the summary)\n`);
  }
  if (report.errors.length) {
    process.stderr.write(`palisade: ${report.errors.length} input error(s); fixed what could be read:\n`);
    for (const e of report.errors) process.stderr.write(`  ${formatError(e)}\n`);
  }
  if (report.errors.length || notWritten.length) return EXIT.INPUT;
  return refused.length || stillFailing.length ? EXIT.GATE : EXIT.OK;
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
  const written = changed.filter((c) => !c.notWritten);
  const notWritten = changed.filter((c) => c.notWritten);
  for (const c of written) {
    lines.push(`${verb} ${c.file}: ${c.fixes.length} change(s)`);
    for (const f of c.fixes) lines.push(`  ${f.resourceId}  ${f.controlId}: ${f.description}`);
  }
  const done = written.reduce((n, c) => n + c.fixes.length, 0);
  if (applied.length === 0) {
    lines.push(unchanged ? `nothing to fix: the ${unchanged} automatic fix(es) are already in place` : 'nothing to fix: no failed finding has an automatic fix');
  } else {
    lines.push(dryRun
      ? `${applied.length} fix(es) would change ${changed.length} file(s); nothing written (--dry-run)`
      : `${done} fix(es) applied to ${written.length} file(s)`);
  }
  if (notWritten.length) {
    lines.push('', `not written (${notWritten.length} file(s); their ${applied.length - done} fix(es) were not applied):`);
    for (const c of notWritten) {
      lines.push(`  ${c.file}: ${c.notWritten}`);
      for (const f of c.fixes) lines.push(`    ${f.resourceId}  ${f.controlId}: ${f.description}`);
    }
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
