// The shared control tester: valid and invalid YAML cases run through the real files source,
// inventory and engine. Every case written as a Pod is run again as a Deployment and as a
// CronJob, with the expected paths moved to where the pod spec lives in those kinds.
// An invalid case marks the lines it fails at with a trailing `# fails` comment in its YAML (a
// comment, so the YAML scanned is the same); the automatic fixes of its findings are applied with
// the fix command's own code (review fixes included, as `fix --all`) and the control run again:
// the paths fixed must pass then, unless the case lists them in `fixLeaves`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load, dump } from 'js-yaml';
import type { Control } from '../controls/define.js';
import { DEFAULT_INPUTS, type ControlInputs } from '../controls/inputs.js';
import { Inventory } from '../inventory/index.js';
import { evaluateControl, type ControlEvaluation } from '../engine/evaluate.js';
import { readText } from '../sources/files/index.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { LineIndex } from '../sources/files/yaml-documents.js';
import { fixText, type PlannedFix } from '../fix/file.js';
import type { Finding, Resource } from '../model/types.js';

export interface ValidCase {
  name?: string;
  yaml: string;
  inputs?: Partial<ControlInputs>;
  /** Run only as written: no Deployment and CronJob variants of a Pod case. */
  noWorkloadVariants?: boolean;
}

export interface InvalidCase extends ValidCase {
  /** Every failing path of the case, in report form (order does not matter). */
  paths: string[];
  /**
   * 1-based lines of `paths`, in the same order (checked on the case as written only). Only where
   * the YAML cannot carry markers (JSON, generated text): otherwise end each failing line with
   * `# fails`; every failing path must then be on a marked line and every marked line hold one.
   */
  lines?: number[];
  /**
   * Failing paths (report form, as written) that applying the case's automatic fixes leaves
   * failing; each needs a comment saying why. Every other fixed path must pass after the fix.
   */
  fixLeaves?: string[];
  /** Each must match at least one finding message. */
  messages?: RegExp[];
  /** Expect the result to be excepted (by the control itself) rather than failed. */
  excepted?: boolean;
}

export interface SkippedCase {
  name?: string;
  yaml: string;
  inputs?: Partial<ControlInputs>;
  /** The skip reason must match. */
  reason: RegExp;
}

export interface ControlCases {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
  skipped?: SkippedCase[];
}

/** Scans YAML text with one control, as the engine would. */
export function runControl(control: Control, yaml: string, inputs: Partial<ControlInputs> = {}): ControlEvaluation {
  return scan(control, yaml, inputs).evaluation;
}

function scan(control: Control, yaml: string, inputs: Partial<ControlInputs> = {}): { evaluation: ControlEvaluation; resources: Resource[] } {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file: 'case.yaml', type: 'file', lines: new LineIndex(yaml) }, sink);
  assert.deepEqual(sink.errors, [], 'the case YAML must parse cleanly');
  return { evaluation: evaluateControl(control, new Inventory(sink.resources), { ...DEFAULT_INPUTS, ...inputs }), resources: sink.resources };
}

const FAILS_MARKER = /\s#\s*fails\s*$/;

/** The 1-based lines of `yaml` that end with a `# fails` comment. */
export function markedLines(yaml: string): number[] {
  return yaml.split('\n').flatMap((line, i) => (FAILS_MARKER.test(line.replace(/\r$/, '')) ? [i + 1] : []));
}

export function testControl(control: Control, cases: ControlCases): void {
  describe(`control ${control.id}`, () => {
    it('has complete metadata', () => {
      assert.match(control.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const key of ['title', 'failsWhen', 'rationale', 'remediation'] as const) {
        assert.ok(control[key] && control[key].length > 10, `${key} is written`);
      }
      // Kubescape control ids; a Pod Security Standards control (src/controls/pss) is aliased by its PSA check id
      const alias = control.id.startsWith('pss-') ? /^[a-zA-Z][a-zA-Z_]*$/ : /^C-\d{4}$/;
      for (const a of control.aliases) assert.match(a, alias);
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'has valid and invalid cases');
    });

    if (control.example) {
      const example = control.example;
      it('its documented example fails, and its fixed example passes', () => {
        const failing = runControl(control, example.failing, example.inputs);
        assert.ok(failing.failed > 0, 'the failing example fails');
        const passing = runControl(control, example.passing, example.inputs);
        assert.equal(passing.failed, 0, `the passing example passes: ${JSON.stringify(passing.findings.map((f) => f.message))}`);
        assert.ok(passing.evaluated > 0, 'the passing example is evaluated');
      });
    }

    cases.valid.forEach((raw, i) => {
      const c: ValidCase = typeof raw === 'string' ? { yaml: raw } : raw;
      for (const variant of variants(c.yaml, c.noWorkloadVariants)) {
        it(`valid ${c.name ?? `#${i + 1}`}${variant.label}`, () => {
          const r = runControl(control, variant.yaml, c.inputs);
          assert.equal(r.skipped, undefined, `not skipped (${r.skipped})`);
          assert.ok(r.evaluated > 0, 'something was evaluated');
          const failed = r.findings.filter((f) => f.status === 'failed');
          assert.deepEqual(failed.map((f) => f.message), [], 'no failed findings');
        });
      }
    });

    cases.invalid.forEach((c, i) => {
      for (const variant of variants(c.yaml, c.noWorkloadVariants)) {
        it(`invalid ${c.name ?? `#${i + 1}`}${variant.label}`, () => {
          const { evaluation: r, resources } = scan(control, variant.yaml, c.inputs);
          assert.equal(r.skipped, undefined, `not skipped (${r.skipped})`);
          const status = c.excepted ? 'excepted' : 'failed';
          const findings = r.findings.filter((f) => f.status === status);
          assert.ok(findings.length > 0, `a ${status} finding`);
          const got = findings.flatMap((f) => f.paths.map((p) => p.path));
          assert.deepEqual([...got].sort(), c.paths.map(variant.mapPath).sort(), 'failing paths');
          const marked = markedLines(c.yaml);
          assert.ok(!(c.lines && marked.length), 'a case states its lines either with `lines` or with `# fails` markers, not both');
          if (c.lines && variant.label === '') {
            const byPath = new Map(findings.flatMap((f) => f.paths.map((p) => [p.path, p.location?.line])));
            assert.deepEqual(c.paths.map((p) => byPath.get(p)), c.lines, 'lines of the failing paths');
          }
          if (marked.length && variant.label === '') {
            const at = findings.flatMap((f) => f.paths.map((p) => ({ path: p.path, line: p.location?.line })));
            const off = at.filter((p) => p.line === undefined || !marked.includes(p.line));
            assert.deepEqual(off, [], 'every failing path is on a line marked # fails');
            const unused = marked.filter((line) => !at.some((p) => p.line === line));
            assert.deepEqual(unused, [], 'every line marked # fails holds a failing path');
          }
          for (const re of c.messages ?? []) {
            assert.ok(findings.some((f) => f.paths.some((p) => re.test(p.message))), `a message matches ${re}`);
          }
          if (!c.excepted) checkFixes(control, c, variant, findings, resources);
        });
      }
    });

    (cases.skipped ?? []).forEach((c, i) => {
      it(`skipped ${c.name ?? `#${i + 1}`}`, () => {
        const r = runControl(control, c.yaml, c.inputs);
        assert.ok(r.skipped, 'skipped');
        assert.match(r.skipped!, c.reason);
      });
    });
  });
}

/** One planned fix per failing path that carries edits (else the finding's own), as `planFixes` makes them. */
function plannedFixes(findings: Finding[], resources: Resource[]): PlannedFix[] {
  return findings.flatMap((finding) => {
    const own = finding.paths.filter((p) => p.fix).map((p) => ({ ...p.fix!, path: p.path }));
    const fixes = own.length ? own : finding.fix ? [{ ...finding.fix, path: finding.paths[0]?.path ?? '' }] : [];
    const resource = resources.find((r) => r.id === finding.resourceId);
    return fixes.filter((f) => f.edits?.length && resource).map((f): PlannedFix => ({
      controlId: finding.controlId, resourceId: finding.resourceId, findingPath: f.path,
      description: f.description, edits: f.edits!, resource: resource!,
      safety: f.safety ?? 'review', ...(f.reviewReason ? { reviewReason: f.reviewReason } : {}),
    }));
  });
}

/**
 * Like RuleTester's `output`: every automatic fix of the case (review ones too, as `fix --all`) is
 * applied to its text by the fix command's `fixText`, and the control runs again on the result:
 * each fixed path must pass, except those the case lists in `fixLeaves`.
 */
function checkFixes(control: Control, c: InvalidCase, variant: Variant, findings: Finding[], resources: Resource[]): void {
  const run = applyFixesAndRescan(control, variant.yaml, c.inputs, plannedFixes(findings, resources));
  if (!run) {
    assert.deepEqual(c.fixLeaves ?? [], [], 'fixLeaves on a case without automatic fixes');
    return;
  }
  assert.deepEqual(run.refused, [], 'every automatic fix applies');
  assert.notEqual(run.text, variant.yaml, 'the fixes change the text');
  assert.deepEqual(run.left, [...new Set((c.fixLeaves ?? []).map(variant.mapPath))].sort(),
    `paths still failing after the fixes (fixLeaves), in:\n${run.text}`);
}

export interface FixRun {
  /** The text after the fixes. */
  text: string;
  /** `path: reason` of each fix fixText refused. */
  refused: string[];
  /** The fixed paths that still fail when the control runs on `text`, sorted, once each. */
  left: string[];
}

/**
 * Applies the automatic fixes of the failed findings of `yaml` (all of them, review ones too) with
 * fixText and runs the control again; undefined when no finding has a fix with edits.
 */
export function applyFixesAndRescan(control: Control, yaml: string, inputs: Partial<ControlInputs> = {}, planned?: PlannedFix[]): FixRun | undefined {
  if (!planned) {
    const { evaluation, resources } = scan(control, yaml, inputs);
    planned = plannedFixes(evaluation.findings.filter((f) => f.status === 'failed'), resources);
  }
  if (planned.length === 0) return undefined;
  const result = fixText(yaml, 'case.yaml', planned);
  const refused = result.outcomes.filter((o) => o.outcome.status === 'refused')
    .map((o) => `${o.fix.findingPath}: ${(o.outcome as { reason: string }).reason}`);
  const after = runControl(control, result.text, inputs);
  const fixed = new Set(planned.map((p) => `${p.resourceId} ${p.findingPath}`));
  const left = after.findings.filter((f) => f.status === 'failed')
    .flatMap((f) => f.paths.filter((p) => fixed.has(`${f.resourceId} ${p.path}`)).map((p) => p.path));
  return { text: result.text, refused, left: [...new Set(left)].sort() };
}

interface Variant {
  label: string;
  yaml: string;
  mapPath: (p: string) => string;
}

/** The case as written, plus Deployment and CronJob versions of every Pod in it. */
function variants(yaml: string, noWorkloadVariants?: boolean): Variant[] {
  const asWritten: Variant = { label: '', yaml, mapPath: (p) => p };
  if (noWorkloadVariants) return [asWritten];
  const docs = yaml.split(/^---\s*$/m).map((d) => load(d) as Record<string, any> | null);
  const pods = docs.filter((d) => d?.kind === 'Pod');
  if (pods.length !== 1) return [asWritten];
  const wrap = (kind: 'Deployment' | 'CronJob'): Variant => {
    const out = docs.map((d) => {
      if (d?.kind !== 'Pod') return d;
      const { name, namespace, labels, annotations } = d.metadata ?? {};
      const template = { metadata: { labels: labels ?? { app: name }, ...(annotations ? { annotations } : {}) }, spec: d.spec };
      const metadata = { name, ...(namespace ? { namespace } : {}) };
      return kind === 'Deployment'
        ? { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: template.metadata.labels }, template } }
        : { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    });
    const prefix = kind === 'Deployment' ? 'spec.template.' : 'spec.jobTemplate.spec.template.';
    return {
      label: ` (as ${kind})`,
      yaml: out.map((d) => dump(d)).join('---\n'),
      mapPath: (p) => (p.startsWith('spec.') || p === 'spec' || /^metadata\.(annotations|labels)\b/.test(p) ? prefix + p : p),
    };
  };
  return [asWritten, wrap('Deployment'), wrap('CronJob')];
}
