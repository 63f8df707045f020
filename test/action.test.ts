// action.yml, the GitHub Action, run locally: its `run:` steps are executed with bash as a runner
// executes a composite action's steps (bash --noprofile --norc -eo pipefail, GITHUB_OUTPUT,
// RUNNER_TEMP, the step's env), in a temporary workspace holding a small git repository with an
// insecure manifest; the action's directory is a copy of this repository's sources, so the install
// step really runs `npm ci` and `npm run build` there (from the npm cache: npm_config_prefer_offline,
// as a runner's cache would serve it). The `uses:` steps (setup-node, upload-sarif) need GitHub, so
// they are not run: the test checks which ones would run and with what.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './support/cli.js';

type Obj = Record<string, any>;

const ACTION = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Obj;
const STEPS = ACTION.runs.steps as Obj[];

const INSECURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true
`;

// ---- a small GitHub Actions expression evaluator: the forms action.yml uses, and nothing else ----

interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  runner: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

function lookup(ref: string, ctx: Context): string {
  const parts = ref.split('.');
  let value: unknown = ctx;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Obj)[part];
  }
  if (parts[0] === 'inputs' && !(parts[1] in ctx.inputs)) throw new Error(`action.yml refers to an undeclared input: ${ref}`);
  if (!['inputs', 'github', 'runner', 'steps'].includes(parts[0])) throw new Error(`unknown context in ${ref}`);
  return value === undefined ? '' : String(value);
}

/** Evaluates an expression: context references, 'string' literals, true/false, ==, !=, && and ||. */
function evaluate(expr: string, ctx: Context): string | boolean {
  const or = expr.split('||');
  if (or.length > 1) return or.some((e) => truthy(evaluate(e, ctx)));
  const and = expr.split('&&');
  if (and.length > 1) return and.every((e) => truthy(evaluate(e, ctx)));
  const cmp = /^(.*?)(==|!=)(.*)$/.exec(expr);
  if (cmp) {
    const [a, b] = [evaluate(cmp[1], ctx), evaluate(cmp[3], ctx)];
    const equal = String(a).toLowerCase() === String(b).toLowerCase(); // GitHub compares strings ignoring case
    return cmp[2] === '==' ? equal : !equal;
  }
  const term = expr.trim();
  if (/^'([^']|'')*'$/.test(term)) return term.slice(1, -1).replaceAll("''", "'");
  if (term === 'true' || term === 'false') return term === 'true';
  if (/^[A-Za-z_][\w-]*(\.[\w-]+)+$/.test(term)) return lookup(term, ctx);
  throw new Error(`expression not understood by the test: ${JSON.stringify(term)}`);
}

const truthy = (v: string | boolean) => v !== false && v !== '' && v !== 'false' && v !== '0';

/** `${{ … }}` in a string replaced by its value. */
function interpolate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => String(evaluate(e, ctx)));
}

/** A step's `if:` (GitHub reads it as an expression, with or without `${{ }}`); no `if:` is success(). */
function condition(step: Obj, ctx: Context): boolean {
  if (step.if === undefined) return true;
  const m = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(String(step.if));
  return truthy(evaluate(m ? m[1] : String(step.if), ctx));
}

// ---- the runner ----

interface StepRun {
  id?: string;
  uses?: string;
  with?: Record<string, string>;
  skipped: boolean;
  code?: number | null;
  stdout?: string;
  stderr?: string;
}

interface ActionRun {
  steps: StepRun[];
  /** the exit code of the step that failed the action, or 0 */
  code: number;
  outputs: Record<string, string>;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NODE_TEST_CONTEXT$|NODE_OPTIONS$|GITHUB_|RUNNER_|INIT_CWD$)/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

function runAction(opts: { inputs: Record<string, string>; actionPath: string; workspace: string; skipIds?: string[] }): ActionRun {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(ACTION.inputs as Record<string, Obj>)) inputs[name] = String(spec.default ?? '');
  for (const [name, value] of Object.entries(opts.inputs)) {
    assert.ok(name in inputs, `test gives an input action.yml does not declare: ${name}`);
    inputs[name] = value;
  }
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-runner-temp-'));
  const ctx: Context = {
    inputs,
    github: { action_path: opts.actionPath, workspace: opts.workspace },
    runner: { temp: runnerTemp },
    steps: {},
  };
  const steps: StepRun[] = [];
  let code = 0;
  for (const step of STEPS) {
    // no step of the action uses always()/failure(): after a failed step the rest are skipped
    if (code !== 0 || !condition(step, ctx) || (step.id && opts.skipIds?.includes(step.id))) {
      steps.push({ id: step.id, uses: step.uses, skipped: true });
      continue;
    }
    if (step.uses) {
      const withValues = Object.fromEntries(Object.entries((step.with ?? {}) as Obj).map(([k, v]) => [k, interpolate(String(v), ctx)]));
      steps.push({ id: step.id, uses: step.uses, with: withValues, skipped: false });
      continue;
    }
    const outputFile = path.join(runnerTemp, `output-${steps.length}`);
    fs.writeFileSync(outputFile, '');
    const script = path.join(runnerTemp, `step-${steps.length}.sh`);
    fs.writeFileSync(script, step.run);
    const env: NodeJS.ProcessEnv = {
      ...cleanEnv(),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_ACTION_PATH: opts.actionPath,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
      npm_config_prefer_offline: 'true',
    };
    for (const [k, v] of Object.entries((step.env ?? {}) as Obj)) env[k] = interpolate(String(v), ctx);
    const cwd = step['working-directory'] ? path.resolve(opts.workspace, interpolate(step['working-directory'], ctx)) : opts.workspace;
    const out = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 300_000 });
    const outputs: Record<string, string> = {};
    for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
      const m = /^([\w-]+)=(.*)$/.exec(line);
      if (m) outputs[m[1]] = m[2];
      else assert.equal(line, '', `GITHUB_OUTPUT line the test does not read: ${line}`);
    }
    if (step.id) ctx.steps[step.id] = { outputs };
    steps.push({ id: step.id, skipped: false, code: out.status, stdout: out.stdout, stderr: out.stderr });
    if (out.status !== 0) code = out.status ?? -1;
  }
  const outputs = Object.fromEntries(Object.entries((ACTION.outputs ?? {}) as Record<string, Obj>).map(([k, v]) => [k, interpolate(String(v.value), ctx)]));
  return { steps, code, outputs };
}

const step = (run: ActionRun, id: string) => {
  const found = run.steps.find((s) => s.id === id);
  assert.ok(found, `step ${id}`);
  return found;
};
const usesStep = (run: ActionRun, prefix: string) => {
  const found = run.steps.find((s) => s.uses?.startsWith(prefix));
  assert.ok(found, `step using ${prefix}`);
  return found;
};

/** A copy of what the action's directory holds that the install step needs (a checkout has it all). */
function copyActionSources(dest: string): void {
  for (const f of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'action.yml', 'scripts/postbuild.mjs', 'scripts/code-cache.mjs']) {
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dest, f));
  }
  fs.cpSync(path.join(ROOT, 'src'), path.join(dest, 'src'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dest, 'examples'), { recursive: true }); // the build's code cache scans them
}

describe('action.yml', () => {
  it('is a composite action whose run steps are bash and take inputs only through env', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.ok(ACTION.name && ACTION.description);
    for (const [name, spec] of Object.entries(ACTION.inputs as Record<string, Obj>)) {
      assert.ok(typeof spec.description === 'string' && spec.description.length > 0, `input ${name} has a description`);
      assert.equal(typeof (spec.default ?? ''), 'string', `input ${name}'s default is a string`);
    }
    assert.deepEqual(Object.keys(ACTION.inputs).sort(), ['args', 'category', 'config', 'fail-on', 'node-version', 'path', 'sarif-file', 'upload-sarif']);
    for (const s of STEPS) {
      assert.ok(Boolean(s.run) !== Boolean(s.uses), `a step has run or uses: ${s.name}`);
      if (s.run) {
        assert.equal(s.shell, 'bash', `${s.name} runs with bash`);
        // an input in a script would be pasted into the shell code before bash reads it
        assert.doesNotMatch(s.run, /\$\{\{/, `${s.name}: no expression inside the script`);
      }
    }
  });

  it('uses exactly two other actions, setup-node and upload-sarif, pinned by tag or SHA', () => {
    const uses = STEPS.filter((s) => s.uses).map((s) => s.uses as string);
    assert.equal(uses.length, 2);
    assert.match(uses[0], /^actions\/setup-node@(v\d+|[0-9a-f]{40})$/);
    assert.match(uses[1], /^github\/codeql-action\/upload-sarif@(v\d+|[0-9a-f]{40})$/);
    // the upload comes after the scan and before the gate, so a tripped gate still uploads
    const order = STEPS.map((s) => s.id ?? s.uses);
    assert.ok(order.indexOf('scan') < order.indexOf(uses[1]) && order.indexOf(uses[1]) < order.indexOf('gate'), order.join(' → '));
  });

  it('docs/ci.md lists every input with its default', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([\w-]+)` \| *(`([^`]*)`)? *\|/gm)].map((m) => [m[1], m[3] ?? '']));
    for (const [name, spec] of Object.entries(ACTION.inputs as Record<string, Obj>)) {
      assert.ok(rows.has(name), `docs/ci.md has a row for ${name}`);
      assert.equal(rows.get(name), String(spec.default ?? ''), `docs/ci.md gives ${name}'s default`);
    }
    for (const s of STEPS.filter((s) => s.uses)) assert.ok(doc.includes(`${(s.uses as string).split('@')[0]}`), `docs/ci.md names ${s.uses}`);
    assert.match(doc, new RegExp(`\\(\`@${STEPS.find((s) => s.uses?.startsWith('actions/setup-node@'))!.uses.split('@')[1]}\`, \`@${STEPS.find((s) => s.uses?.startsWith('github/codeql-action/'))!.uses.split('@')[1]}\`\\)`), 'docs/ci.md names the tags action.yml uses');
  });

  describe('run locally', () => {
    let actionPath: string;
    let workspace: string;
    let first: ActionRun;
    const tmp: string[] = [];
    const mk = (prefix: string) => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      tmp.push(d);
      return d;
    };

    before(() => {
      actionPath = mk('palisade-action-');
      copyActionSources(actionPath);
      workspace = mk('palisade-workspace-');
      fs.mkdirSync(path.join(workspace, 'deploy/k8s'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'deploy/k8s/web.yaml'), INSECURE);
      fs.writeFileSync(path.join(workspace, 'README.md'), '# app\n');
      const git = spawnSync('git', ['init', '-q'], { cwd: workspace, encoding: 'utf8' });
      assert.equal(git.status, 0, git.stderr);
      // the whole action once, install step included: npm ci and the build in the action's directory
      first = runAction({ inputs: { path: 'deploy/k8s' }, actionPath, workspace });
    });
    after(() => {
      for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
    });

    it('with the defaults: builds, writes the SARIF, would upload it, then fails the gate (fail-on high)', () => {
      const install = step(first, 'install');
      assert.equal(install.code, 0, `${install.stdout}\n${install.stderr}`);
      assert.ok(fs.existsSync(path.join(actionPath, 'dist/palisade.mjs')), 'the build wrote the CLI in the action directory');
      assert.equal(step(first, 'node').code, 0);
      // Node.js 20+ runs this test, so nothing is set up and the job keeps its own Node.js
      assert.equal(usesStep(first, 'actions/setup-node@').skipped, true);

      const scan = step(first, 'scan');
      assert.equal(scan.code, 0, `the scan step itself succeeds on a tripped gate: ${scan.stderr}`);
      assert.match(scan.stdout, /privileged-container/, 'the report is in the log');
      assert.match(scan.stderr, /gate tripped: --fail-on high/);
      assert.equal(first.outputs['exit-code'], '1');

      const sarifFile = path.join(workspace, 'palisade.sarif');
      assert.equal(first.outputs['sarif-file'], 'palisade.sarif');
      const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      const uris = new Set(sarif.runs[0].results.map((r: Obj) => r.locations[0].physicalLocation.artifactLocation.uri));
      // relative to the repository root, where code scanning places alerts, not to deploy/k8s
      assert.deepEqual([...uris], ['deploy/k8s/web.yaml']);
      assert.ok(sarif.runs[0].results.some((r: Obj) => r.ruleId === 'privileged-container'));

      const upload = usesStep(first, 'github/codeql-action/upload-sarif@');
      assert.equal(upload.skipped, false, 'the upload would run');
      assert.deepEqual(upload.with, { sarif_file: 'palisade.sarif', category: 'palisade' });
      assert.ok(first.steps.indexOf(upload) < first.steps.indexOf(step(first, 'gate')));

      const gate = step(first, 'gate');
      assert.equal(gate.code, 1);
      assert.match(gate.stdout, /::error title=Palisade::a gate tripped/);
      assert.equal(first.code, 1, 'the action fails, after the upload');
    });

    it('fail-on none: no gate, the SARIF where sarif-file says; upload-sarif false skips the upload; node-version sets up Node.js', () => {
      const run = runAction({
        inputs: { path: 'deploy/k8s', 'fail-on': 'none', 'sarif-file': 'reports/k8s.sarif', 'upload-sarif': 'false', 'node-version': '22' },
        actionPath, workspace, skipIds: ['install'],
      });
      assert.equal(run.code, 0, JSON.stringify(run.steps.map((s) => [s.id ?? s.uses, s.code, s.stderr])));
      assert.equal(run.outputs['exit-code'], '0');
      assert.ok(JSON.parse(fs.readFileSync(path.join(workspace, 'reports/k8s.sarif'), 'utf8')).runs[0].results.length > 0);
      assert.equal(usesStep(run, 'github/codeql-action/upload-sarif@').skipped, true);
      assert.equal(step(run, 'gate').code, 0);
      const setup = usesStep(run, 'actions/setup-node@');
      assert.equal(setup.skipped, false);
      assert.deepEqual(setup.with, { 'node-version': '22' });
    });

    it('passes config and args to the scan (--severity critical: the high findings no longer count for the gate)', () => {
      fs.writeFileSync(path.join(workspace, 'palisade-ci.yaml'), 'excludeNamespaces: [kube-system]\n');
      const run = runAction({
        inputs: { path: 'deploy/k8s', config: 'palisade-ci.yaml', args: '--severity  critical\n-v', 'upload-sarif': 'false' },
        actionPath, workspace, skipIds: ['install'],
      });
      assert.match(step(run, 'scan').stdout, /--config palisade-ci\.yaml --severity critical -v/);
      assert.equal(run.outputs['exit-code'], '0');
      assert.equal(run.code, 0);
    });

    it('several paths, and a clean manifest passes the high gate', () => {
      fs.mkdirSync(path.join(workspace, 'other'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'other/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n');
      const clean = runAction({ inputs: { path: 'other', 'upload-sarif': 'false' }, actionPath, workspace, skipIds: ['install'] });
      assert.equal(clean.code, 0);
      assert.equal(clean.outputs['exit-code'], '0');
      const both = runAction({ inputs: { path: 'other\ndeploy/k8s', 'upload-sarif': 'false' }, actionPath, workspace, skipIds: ['install'] });
      assert.equal(both.outputs['exit-code'], '1');
      assert.equal(both.code, 1);
    });

    it('a wrong invocation (exit 2) fails at the scan step: nothing uploaded, no gate step', () => {
      const run = runAction({ inputs: { path: 'deploy/k8s', 'fail-on': 'hihg', 'sarif-file': 'wrong.sarif' }, actionPath, workspace, skipIds: ['install'] });
      const scan = step(run, 'scan');
      assert.equal(scan.code, 2);
      assert.match(scan.stdout, /::error title=Palisade::palisade scan exited with 2/);
      assert.equal(run.code, 2);
      assert.equal(fs.existsSync(path.join(workspace, 'wrong.sarif')), false);
      assert.equal(usesStep(run, 'github/codeql-action/upload-sarif@').skipped, true);
      assert.equal(step(run, 'gate').skipped, true);
    });

    it('input that cannot be read (exit 3): the partial SARIF is uploaded, then the gate fails', () => {
      fs.mkdirSync(path.join(workspace, 'broken'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'broken/bad.yaml'), 'a: [\n');
      fs.copyFileSync(path.join(workspace, 'other/cm.yaml'), path.join(workspace, 'broken/cm.yaml'));
      const run = runAction({ inputs: { path: 'broken', 'sarif-file': 'broken.sarif' }, actionPath, workspace, skipIds: ['install'] });
      assert.equal(step(run, 'scan').code, 0);
      assert.equal(run.outputs['exit-code'], '3');
      assert.ok(fs.existsSync(path.join(workspace, 'broken.sarif')));
      assert.equal(usesStep(run, 'github/codeql-action/upload-sarif@').skipped, false);
      assert.equal(step(run, 'gate').code, 3);
    });
  });
});
