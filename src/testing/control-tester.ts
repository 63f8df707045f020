// The shared control tester: valid and invalid YAML cases run through the real files source,
// inventory and engine. Every case written as a Pod is run again as a Deployment and as a
// CronJob, with the expected paths moved to where the pod spec lives in those kinds.
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

export interface ValidCase {
  name?: string;
  yaml: string;
  inputs?: Partial<ControlInputs>;
  /** Run only as written (no Deployment/CronJob variants). */
  only?: boolean;
}

export interface InvalidCase extends ValidCase {
  /** Every failing path of the case, in report form (order does not matter). */
  paths: string[];
  /** 1-based lines of `paths`, in the same order (checked on the case as written only). */
  lines?: number[];
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
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file: 'case.yaml', type: 'file', lines: new LineIndex(yaml) }, sink);
  assert.deepEqual(sink.errors, [], 'the case YAML must parse cleanly');
  return evaluateControl(control, new Inventory(sink.resources), { ...DEFAULT_INPUTS, ...inputs });
}

export function testControl(control: Control, cases: ControlCases): void {
  describe(`control ${control.id}`, () => {
    it('has complete metadata', () => {
      assert.match(control.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const key of ['title', 'failsWhen', 'rationale', 'remediation'] as const) {
        assert.ok(control[key] && control[key].length > 10, `${key} is written`);
      }
      for (const a of control.aliases) assert.match(a, /^C-\d{4}$/);
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
      for (const variant of variants(c.yaml, c.only)) {
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
      for (const variant of variants(c.yaml, c.only)) {
        it(`invalid ${c.name ?? `#${i + 1}`}${variant.label}`, () => {
          const r = runControl(control, variant.yaml, c.inputs);
          assert.equal(r.skipped, undefined, `not skipped (${r.skipped})`);
          const status = c.excepted ? 'excepted' : 'failed';
          const findings = r.findings.filter((f) => f.status === status);
          assert.ok(findings.length > 0, `a ${status} finding`);
          const got = findings.flatMap((f) => f.paths.map((p) => p.path));
          assert.deepEqual([...got].sort(), c.paths.map(variant.mapPath).sort(), 'failing paths');
          if (c.lines && variant.label === '') {
            const byPath = new Map(findings.flatMap((f) => f.paths.map((p) => [p.path, p.location?.line])));
            assert.deepEqual(c.paths.map((p) => byPath.get(p)), c.lines, 'lines of the failing paths');
          }
          for (const re of c.messages ?? []) {
            assert.ok(findings.some((f) => f.paths.some((p) => re.test(p.message))), `a message matches ${re}`);
          }
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

interface Variant {
  label: string;
  yaml: string;
  mapPath: (p: string) => string;
}

/** The case as written, plus Deployment and CronJob versions of every Pod in it. */
function variants(yaml: string, only?: boolean): Variant[] {
  const asWritten: Variant = { label: '', yaml, mapPath: (p) => p };
  if (only) return [asWritten];
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
