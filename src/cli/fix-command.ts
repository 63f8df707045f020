// `palisade fix`: scan, apply the safe automatic fixes of failed findings (and the review ones with
// --all) to the files in place (or show them as a diff with --dry-run), then the namespaces' Pod
// Security Admission labels at the level their workloads meet as fixed; list what needs review or a
// person, and check with a second scan.
import { UsageError } from '../model/errors.js';
import type { Resource, ScanReport } from '../model/types.js';
import { readFiles } from '../sources/files/index.js';
import { assembleFile, parseBuffer } from '../sources/files/parse-file.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { judgeWorkloads } from '../fix/pod-security.js';
import { namespaceLabels } from '../fix/namespace-labels.js';
import { scan, type ScanOptions } from '../engine/scan.js';
import { DEFAULT_INPUTS, type ControlInputs } from '../controls/inputs.js';
import { planFixes, writeRoots, type FixPlan, type Unfixed } from '../fix/plan.js';
import { fixText, type PlannedFix } from '../fix/file.js';
import { redactedDiff } from '../fix/diff.js';
import { readForFix } from '../fix/read.js';
import { replaceFile } from '../fix/write.js';
import { loadSettings, type SettingsFlags } from './settings.js';
import { formatError } from './scan-command.js';
import { EXIT } from './exit-codes.js';
import { escapeControls, escapeMultiline } from '../report/safe-text.js';
import { stripUndefined } from '../model/objects.js';

export interface FixFlags extends SettingsFlags {
  dryRun?: boolean;
  /** Apply review fixes too (they may change how the workload runs). */
  all?: boolean;
}

/** One file being fixed: what it held, what it holds now, and the fixes applied to it. */
interface FileState {
  real: string;
  file: string;
  bom: boolean;
  /** The text and bytes as read: the file must still hold the bytes when it is replaced. */
  before: string;
  bytes: Buffer;
  after: string;
  fixes: PlannedFix[];
  /** Set once written (or found not writable). */
  written?: boolean;
  /** Why the file could not be written, when it could not. */
  notWritten?: string;
}

/** How each namespace's Pod Security Admission labels were decided, for the summary. */
interface NamespaceLine {
  namespace: string;
  summary: string;
  /** Set when the labels were not applied because they need review (no --all). */
  review?: boolean;
}

export function runFix(paths: string[], flags: FixFlags): number {
  const targets = paths.length ? paths : ['.'];
  if (targets.includes('-')) throw new UsageError('fix edits files in place: it cannot fix standard input (-)');
  const { config, options, maxFileSize, warnings } = loadSettings(targets, flags);
  for (const w of warnings) process.stderr.write(`palisade: warning: ${escapeControls(w)}\n`);
  const fileOptions = { maxFileSize };
  const dryRun = !!flags.dryRun;

  const input = readFiles(targets, fileOptions);
  const report = scan(input, options);
  const plan = planFixes(report, input.resources, writeRoots(targets), { all: flags.all });
  const run = new FixRun(plan, dryRun);

  // First the fixes of workloads and everything but namespace labels.
  for (const [real, { file, fixes }] of plan.files) run.applyTo(real, file, fixes);
  // Files without a namespace label to add are written now (file by file: one that cannot be
  // written is reported and the others are still written), so that the labels are decided on
  // the workloads as they are on disk.
  const labelFiles = new Set(plan.namespaces.map((n) => n.real));
  run.writeChanged((state) => !labelFiles.has(state.real));
  // Then the namespace labels, at the level the workloads in each namespace meet now.
  const namespaces = applyNamespaceLabels(run, plan, input.resources, !!flags.all);
  run.writeChanged();

  const sensitive = { ...DEFAULT_INPUTS, ...stripUndefined(config.inputs) };
  return summarise(run, namespaces, report, sensitive, () => recheck(targets, fileOptions, options, run.checkable()));
}

/** The state of one `palisade fix`: the files read and their new text, and every fix's outcome. */
class FixRun {
  readonly applied: PlannedFix[] = [];
  readonly refused: Unfixed[];
  readonly review: Unfixed[];
  readonly manual: Unfixed[];
  /** Applied fixes whose finding is meant to fail still (a namespace that gets only warn and audit labels). */
  readonly partial = new Set<PlannedFix>();
  unchanged = 0;
  readonly states = new Map<string, FileState>();

  constructor(plan: FixPlan, readonly dryRun: boolean) {
    this.refused = [...plan.refused];
    this.review = [...plan.review];
    this.manual = [...plan.manual];
  }

  /** Applies fixes to a file's current text (read on first use); every new text is computed before it is written. */
  applyTo(real: string, file: string, fixes: PlannedFix[]): void {
    let state = this.states.get(real);
    if (!state) {
      const read = readForFix(real);
      if ('refused' in read) {
        for (const f of fixes) this.refused.push(unfixed(f, read.refused));
        return;
      }
      state = { real, file, bom: read.bom, before: read.text, bytes: read.bytes, after: read.text, fixes: [] };
      this.states.set(real, state);
    }
    const result = fixText(state.after, file, fixes);
    for (const { fix, outcome } of result.outcomes) {
      if (outcome.status === 'applied') {
        state.fixes.push(fix);
        this.applied.push(fix); // not push(...): a file can have 100k+ fixes
      } else if (outcome.status === 'unchanged') this.unchanged++;
      else this.refused.push(unfixed(fix, outcome.reason));
    }
    state.after = result.text;
  }

  /** Writes each changed file not written yet (all of them, or those `which` picks); nothing on a dry run. */
  writeChanged(which: (state: FileState) => boolean = () => true): void {
    for (const state of this.states.values()) {
      if (!which(state) || state.written || this.dryRun || state.after === state.before) continue;
      state.written = true;
      const outcome = replaceFile(state.real, state.bytes, (state.bom ? '\uFEFF' : '') + state.after);
      if (!outcome.written) state.notWritten = outcome.reason;
    }
  }

  /** The files whose text the fixes changed. */
  changed(): FileState[] {
    return [...this.states.values()].filter((c) => c.after !== c.before);
  }

  /** The fixes done (applied on a dry run, else written) whose finding should pass now. */
  checkable(): PlannedFix[] {
    const done = this.dryRun ? this.applied : this.changed().filter((c) => !c.notWritten).flatMap((c) => c.fixes);
    return done.filter((f) => !this.partial.has(f));
  }
}

/** Decides and applies each namespace's Pod Security Admission labels on the workloads as the other fixes left them. */
function applyNamespaceLabels(run: FixRun, plan: FixPlan, resources: readonly Resource[], all: boolean): NamespaceLine[] {
  const namespaces: NamespaceLine[] = [];
  if (!plan.namespaces.length) return namespaces;
  const verdicts = judgeWorkloads(resourcesAfter(resources, [...run.states.values()]));
  const byFile = new Map<string, PlannedFix[]>();
  for (const { real, fix } of plan.namespaces) {
    const decided = namespaceLabels(fix, verdicts);
    const where = whereOf(fix);
    const line: NamespaceLine = { namespace: decided.namespace, summary: decided.summary };
    namespaces.push(line);
    if (!decided.enforce) {
      run.manual.push({ ...where, reason: `bring the workloads of namespace ${decided.namespace} up to the baseline Pod Security Standard, then run fix again to enforce it` });
    }
    if (decided.fix.edits.length === 0) continue;
    if (decided.fix.safety === 'review' && !all) {
      line.review = true;
      run.review.push({ ...where, reason: `${decided.fix.description} (${decided.fix.reviewReason})` });
      continue;
    }
    if (!decided.enforce) run.partial.add(decided.fix);
    byFile.set(real, [...byFile.get(real) ?? [], decided.fix]);
  }
  for (const [real, fixes] of byFile) run.applyTo(real, fixes[0].resource.source.file!, fixes);
  return namespaces;
}

/**
 * Prints the diff (dry run), the summary and the errors, and returns the exit code. `recheck` scans
 * the written files again for the fixed findings that still fail.
 */
function summarise(
  run: FixRun, namespaces: NamespaceLine[], report: ScanReport, sensitive: ControlInputs, recheck: () => PlannedFix[],
): number {
  const { dryRun, applied, unchanged, review, manual, refused } = run;
  const changed = run.changed();
  const out = dryRun ? process.stderr : process.stdout;
  if (dryRun) {
    for (const c of changed) process.stdout.write(escapeMultiline(redactedDiff(c.file, c.before, c.after, sensitive)));
  }

  const written = changed.filter((c) => !c.notWritten);
  const notWritten = changed.filter((c) => c.notWritten);
  const stillFailing = dryRun || written.length === 0 ? [] : recheck();
  out.write(summary({ applied, unchanged, changed, namespaces, review, manual, refused, stillFailing, dryRun }));
  if (notWritten.length) {
    process.stderr.write(`palisade: ${notWritten.length} file(s) could not be written; their fixes were not applied (listed in the summary)\n`);
  }
  if (report.errors.length) {
    process.stderr.write(`palisade: ${report.errors.length} input error(s); fixed what could be read:\n`);
    for (const e of report.errors) process.stderr.write(`  ${formatError(e)}\n`);
  }
  if (report.errors.length || notWritten.length) return EXIT.INPUT;
  // review fixes left for a person (no --all) are not a failure of fix, as findings that need input are not
  return refused.length || stillFailing.length ? EXIT.GATE : EXIT.OK;
}

/**
 * The input's resources as the fixes leave them: the files changed so far parsed again (unless
 * their write failed: they are as they were), the others as read.
 */
function resourcesAfter(resources: readonly Resource[], states: FileState[]): Resource[] {
  const replaced = states.filter((s) => s.after !== s.before && !s.notWritten);
  if (replaced.length === 0) return [...resources];
  const names = new Set(replaced.map((s) => s.file));
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  for (const s of replaced) assembleFile(s.file, parseBuffer(Buffer.from(s.after, 'utf8')), sink);
  const kept = resources.filter((r) => r.source.type !== 'file' || r.source.renderedBy || !names.has(r.source.file ?? ''));
  return [...kept, ...sink.resources];
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

function whereOf(fix: PlannedFix): Pick<Unfixed, 'controlId' | 'resourceId' | 'where'> {
  const src = fix.resource.source;
  return { controlId: fix.controlId, resourceId: fix.resourceId, where: src.file && src.line ? `${src.file}:${src.line}` : src.file };
}

function unfixed(fix: PlannedFix, reason: string): Unfixed {
  return { ...whereOf(fix), reason: `${fix.description}: ${reason}` };
}

interface Outcome {
  applied: PlannedFix[];
  unchanged: number;
  changed: FileState[];
  namespaces: NamespaceLine[];
  review: Unfixed[];
  manual: Unfixed[];
  refused: Unfixed[];
  stillFailing: PlannedFix[];
  dryRun: boolean;
}

function summary({ applied, unchanged, changed, namespaces, review, manual, refused, stillFailing, dryRun }: Outcome): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would fix' : 'fixed';
  const written = changed.filter((c) => !c.notWritten);
  const notWritten = changed.filter((c) => c.notWritten);
  const tag = (f: PlannedFix) => (f.safety === 'review' ? ' [review]' : '');
  for (const c of written) {
    lines.push(`${verb} ${c.file}: ${c.fixes.length} change(s)`);
    for (const f of c.fixes) lines.push(`  ${f.resourceId}  ${f.controlId}: ${f.description}${tag(f)}`);
  }
  const done = written.reduce((n, c) => n + c.fixes.length, 0);
  if (applied.length === 0) {
    lines.push(review.length
      ? `nothing applied: ${review.length} automatic fix(es) need review (below); apply them with --all`
      : unchanged ? `nothing to fix: the ${unchanged} automatic fix(es) are already in place` : 'nothing to fix: no failed finding has an automatic fix');
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
  if (namespaces.length) {
    lines.push('', `namespaces (Pod Security Admission labels, from the workloads ${dryRun ? 'as the fixes would leave them' : 'as fixed'}):`);
    for (const n of namespaces) lines.push(`  ${n.namespace}: ${n.summary}${n.review ? '; needs review, apply with --all' : ''}`);
  }
  if (review.length) {
    lines.push('', `needs review (${review.length}): not applied, they may change how the workload runs; apply with --all`);
    for (const r of review) lines.push(`  ${r.where ?? '-'}  ${r.controlId}  ${r.resourceId}: ${r.reason}`);
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
