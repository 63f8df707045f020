// .pre-commit-hooks.yaml: the hook definitions checked against pre-commit's manifest schema (its
// clientlib's MANIFEST_HOOK_DICT: the fields, their types and pre-commit's languages, stages and
// file-type tags), the files pre-commit would pass (its include/exclude and type filters), and
// each hook run as pre-commit runs it: the entry split like a shell word list, the args, then the
// file names, with `palisade` on the PATH (the built CLI). Where pre-commit itself is installed,
// the hooks are also installed and run by it, from a clone of a copy of this repository.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { CLI, ROOT } from './support/cli.js';

type Obj = Record<string, any>;

const HOOKS = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Obj[];

// pre-commit 3 and 4 (pre_commit/clientlib.py, languages/all.py, constants.py)
const LANGUAGES = ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl', 'pygrep', 'python', 'python_venv', 'r', 'ruby', 'rust', 'script', 'swift', 'system', 'unsupported', 'unsupported_script'];
const STAGES = ['commit-msg', 'post-checkout', 'post-commit', 'post-merge', 'post-rewrite', 'pre-commit', 'pre-merge-commit', 'pre-push', 'pre-rebase', 'prepare-commit-msg', 'manual', 'commit', 'merge-commit', 'push'];
// identify's tags, the few a Kubernetes hook could name
const TAGS = ['file', 'text', 'binary', 'executable', 'yaml', 'json', 'directory', 'symlink'];
const str = (v: unknown) => typeof v === 'string';
const bool = (v: unknown) => typeof v === 'boolean';
const strList = (v: unknown) => Array.isArray(v) && v.every(str);
const tagList = (v: unknown) => Array.isArray(v) && v.every((t) => TAGS.includes(t));
const regex = (v: unknown) => {
  if (!str(v)) return false;
  new RegExp(v as string); // throws on a pattern JavaScript (and so, for these forms, Python) cannot compile
  return true;
};
const SCHEMA: Record<string, { required?: boolean; check: (v: unknown) => boolean }> = {
  id: { required: true, check: str },
  name: { required: true, check: str },
  entry: { required: true, check: str },
  language: { required: true, check: (v) => LANGUAGES.includes(v as string) },
  alias: { check: str },
  files: { check: regex },
  exclude: { check: regex },
  types: { check: tagList },
  types_or: { check: tagList },
  exclude_types: { check: tagList },
  additional_dependencies: { check: strList },
  args: { check: strList },
  always_run: { check: bool },
  fail_fast: { check: bool },
  pass_filenames: { check: bool },
  description: { check: str },
  language_version: { check: str },
  log_file: { check: str },
  minimum_pre_commit_version: { check: (v) => str(v) && /^\d+(\.\d+)*$/.test(v as string) },
  require_serial: { check: bool },
  stages: { check: (v) => Array.isArray(v) && v.every((s) => STAGES.includes(s)) },
  verbose: { check: bool },
};

function atLeast(version: string, min: number[]): boolean {
  const v = version.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  }
  return true;
}

const hook = (id: string) => {
  const found = HOOKS.find((h) => h.id === id);
  assert.ok(found, `hook ${id}`);
  return found;
};

// identify's tags by extension, for the extensions the tests use
function tags(file: string): Set<string> {
  const ext = path.extname(file).toLowerCase();
  const t = new Set(['file']);
  if (['.yaml', '.yml'].includes(ext)) ['text', 'yaml'].forEach((x) => t.add(x));
  if (ext === '.json') ['text', 'json'].forEach((x) => t.add(x));
  if (['.md', '.txt', '.tpl'].includes(ext)) t.add('text');
  return t;
}

/** pre-commit's classifier: files (re.search) and not exclude, all of types, none of exclude_types, one of types_or. */
function selected(h: Obj, files: string[]): string[] {
  const include = new RegExp(h.files ?? '');
  const exclude = new RegExp(h.exclude ?? '^$');
  const types: string[] = h.types ?? ['file'];
  return files.filter((f) => {
    if (!include.test(f) || exclude.test(f)) return false;
    const t = tags(f);
    return types.every((x) => t.has(x)) && !(h.exclude_types ?? []).some((x: string) => t.has(x))
      && ((h.types_or ?? []).length === 0 || h.types_or.some((x: string) => t.has(x)));
  });
}

/** shlex.split for the entries a hook file holds: words separated by spaces, no quotes. */
function words(entry: string): string[] {
  assert.doesNotMatch(entry, /["'\\]/, 'the test splits entries without quotes only');
  return entry.trim().split(/\s+/);
}

const tmp: string[] = [];
const mk = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmp.push(d);
  return d;
};
after(() => {
  for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
});

/** A PATH where `palisade` is the built CLI, as npm install -g links it. */
function pathWithPalisade(): string {
  const bin = mk('palisade-bin-');
  fs.symlinkSync(CLI, path.join(bin, 'palisade'));
  return [bin, path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
}

function runHook(h: Obj, repo: string, files: string[]) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run 'npm run build' first`);
  const [cmd, ...rest] = words(h.entry);
  const args = [...rest, ...(h.args ?? []), ...(h.pass_filenames === false ? [] : selected(h, files))];
  const out = spawnSync(cmd, args, {
    cwd: repo, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, PATH: pathWithPalisade(), NO_COLOR: '1' },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const INSECURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:1.0
        securityContext: {privileged: true}
`;
const TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
spec:
  template:
    spec:
      containers:
      - name: web
        image: "{{ .Values.image }}"
`;

/** A repository with hardened manifests (this repository's examples/hardened), a chart and other YAML and JSON. */
function sampleRepo(): { repo: string; files: string[] } {
  const repo = mk('palisade-precommit-repo-');
  const files: Record<string, string> = {
    'k8s/namespace.yaml': fs.readFileSync(path.join(ROOT, 'examples/hardened/namespace.yaml'), 'utf8'),
    'k8s/web.yaml': fs.readFileSync(path.join(ROOT, 'examples/hardened/web.yaml'), 'utf8'),
    'k8s/network.yml': fs.readFileSync(path.join(ROOT, 'examples/hardened/network.yaml'), 'utf8'),
    'k8s/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [namespace.yaml, web.yaml, network.yml]\n',
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/web/values.yaml': 'image: nginx:1.27\n',
    'charts/web/templates/deployment.yaml': TEMPLATE,
    '.github/workflows/ci.yml': 'on: push\njobs: {test: {runs-on: ubuntu-latest, steps: [{run: "npm test"}]}}\n',
    'package.json': '{"name": "app", "version": "1.0.0"}\n',
    'README.md': '# app\n',
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
    fs.writeFileSync(path.join(repo, f), text);
  }
  return { repo, files: Object.keys(files) };
}

describe('.pre-commit-hooks.yaml', () => {
  it("matches pre-commit's manifest schema", () => {
    assert.ok(Array.isArray(HOOKS) && HOOKS.length > 0);
    assert.equal(new Set(HOOKS.map((h) => h.id)).size, HOOKS.length, 'ids are unique');
    for (const h of HOOKS) {
      for (const [key, spec] of Object.entries(SCHEMA)) {
        if (spec.required) assert.ok(key in h, `${h.id}: ${key} is required`);
        if (key in h) assert.ok(spec.check(h[key]), `${h.id}: ${key} has the type pre-commit expects: ${JSON.stringify(h[key])}`);
      }
      assert.deepEqual(Object.keys(h).filter((k) => !(k in SCHEMA)), [], `${h.id}: keys pre-commit does not know`);
      // types_or came with pre-commit 2.9.0
      if ('types_or' in h) assert.ok(atLeast(h.minimum_pre_commit_version ?? '0', [2, 9, 0]), `${h.id}: types_or needs minimum_pre_commit_version 2.9.0`);
    }
  });

  it('palisade: the issue\'s shape, node, entry "palisade scan", YAML and JSON files passed as arguments, one serial run', () => {
    const h = hook('palisade');
    assert.equal(h.language, 'node');
    assert.equal(h.entry, 'palisade scan');
    assert.deepEqual(h.types_or, ['yaml', 'json']);
    assert.equal(h.pass_filenames, true);
    assert.equal(h.require_serial, true);
    assert.deepEqual(h.args, ['--fail-on', 'high']);
    const repoHook = hook('palisade-repo');
    assert.equal(repoHook.pass_filenames, false);
    assert.equal(repoHook.entry, 'palisade scan');
  });

  it('passes the manifests and other YAML/JSON, not Helm templates, kustomization files or other files', () => {
    const { files } = sampleRepo();
    assert.deepEqual(selected(hook('palisade'), files).sort(), [
      '.github/workflows/ci.yml', 'charts/web/Chart.yaml', 'charts/web/values.yaml', 'k8s/namespace.yaml', 'k8s/network.yml', 'k8s/web.yaml', 'package.json',
    ]);
  });

  it('palisade hook: the clean files of a commit pass (other YAML and JSON is ignored), an insecure one fails', () => {
    const { repo, files } = sampleRepo();
    const clean = runHook(hook('palisade'), repo, files);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    // the manifests were scanned, the workflow, chart metadata and package.json ignored
    assert.match(clean.stdout, /Scanned \d+ resource\(s\)/);

    fs.writeFileSync(path.join(repo, 'k8s/api.yaml'), INSECURE);
    const insecure = runHook(hook('palisade'), repo, [...files, 'k8s/api.yaml']);
    assert.equal(insecure.code, 1, insecure.stdout + insecure.stderr);
    assert.match(insecure.stdout, /privileged-container/);
    assert.match(insecure.stdout, /k8s\/api\.yaml:12:\d+/);
    assert.match(insecure.stderr, /gate tripped: --fail-on high/);
    // a commit touching only the clean files still passes
    assert.equal(runHook(hook('palisade'), repo, ['k8s/web.yaml', 'k8s/namespace.yaml']).code, 0);
  });

  it('palisade-repo hook: scans the whole repository without file names', () => {
    const repo = mk('palisade-precommit-tree-');
    for (const f of ['namespace.yaml', 'web.yaml', 'network.yaml']) fs.copyFileSync(path.join(ROOT, 'examples/hardened', f), path.join(repo, f));
    fs.writeFileSync(path.join(repo, 'package.json'), '{"name": "app"}\n');
    const clean = runHook(hook('palisade-repo'), repo, []);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    fs.mkdirSync(path.join(repo, 'deploy'));
    fs.writeFileSync(path.join(repo, 'deploy/api.yaml'), INSECURE);
    const insecure = runHook(hook('palisade-repo'), repo, []);
    assert.equal(insecure.code, 1);
    assert.match(insecure.stdout, /deploy\/api\.yaml:12:\d+/);
  });

  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  const havePreCommit = preCommit.status === 0;
  it('pre-commit itself installs the hooks from a clone and runs them', {
    skip: havePreCommit ? false : 'pre-commit is not installed here (it comes from PyPI or a distribution package, not npm)',
    timeout: 600_000,
  }, (t) => {
    t.diagnostic(preCommit.stdout.trim());
    // the hook repository: a git repository with this repository's files that pre-commit's node
    // install needs (npm install, npm pack with its prepack build)
    const hooks = mk('palisade-precommit-hooks-');
    for (const f of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'scripts/postbuild.mjs', 'README.md', '.pre-commit-hooks.yaml']) {
      fs.mkdirSync(path.dirname(path.join(hooks, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(hooks, f));
    }
    for (const d of ['src', 'docs', 'examples', 'schema']) fs.cpSync(path.join(ROOT, d), path.join(hooks, d), { recursive: true });
    const git = (cwd: string, ...args: string[]) => {
      const out = spawnSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
      assert.equal(out.status, 0, out.stderr);
      return out.stdout.trim();
    };
    git(hooks, 'init', '-q');
    git(hooks, 'add', '.');
    git(hooks, 'commit', '-qm', 'hooks');
    const rev = git(hooks, 'rev-parse', 'HEAD');

    const { repo } = sampleRepo();
    fs.writeFileSync(path.join(repo, 'k8s/api.yaml'), INSECURE);
    fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n- repo: ${hooks}\n  rev: ${rev}\n  hooks:\n  - id: palisade\n`);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    const env: NodeJS.ProcessEnv = { PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter), HOME: process.env.HOME, PRE_COMMIT_HOME: mk('palisade-precommit-home-'), npm_config_prefer_offline: 'true', NO_COLOR: '1' };
    const run = (...files: string[]) => spawnSync('pre-commit', ['run', 'palisade', '--color', 'never', '--files', ...files], { cwd: repo, env, encoding: 'utf8', timeout: 540_000 });

    const clean = run('k8s/web.yaml', 'k8s/namespace.yaml', 'charts/web/templates/deployment.yaml', 'k8s/kustomization.yaml', 'package.json');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^palisade\.+Passed$/m);
    const insecure = run('k8s/web.yaml', 'k8s/api.yaml');
    assert.equal(insecure.status, 1, insecure.stdout + insecure.stderr);
    assert.match(insecure.stdout, /^palisade\.+Failed$/m);
    assert.match(insecure.stdout, /k8s\/api\.yaml:12:\d+/);
  });
});
