// `palisade list`, `palisade explain`, `--version` and `--help`, through the CLI. The reviewed
// catalog (test/support/nsa-cisa-catalog.ts; sections 1-3, the manifest controls) is the
// reference: every control it lists must be listed, with its aliases and severity, and explained
// with an example that does what it says when scanned.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { NSA_CISA_CATALOG, type CatalogRow } from './support/nsa-cisa-catalog.js';

interface ControlInfo {
  id: string; aliases: string[]; title: string; severity: string; section: string; sectionTitle: string;
  failsWhen: string; rationale: string; remediation: string; inputs: string[];
  example?: { failing: string; passing: string; inputs?: Record<string, string[]> };
}
interface FrameworkInfo { id: string; title: string; version: string; sections: Array<{ id: string; title: string; controls: string[] }> }

const SECTION_IDS = ['pod-security', 'network', 'rbac'];

/** The reviewed catalog's manifest controls (sections 1-3), in order. */
function catalog(): CatalogRow[] {
  return NSA_CISA_CATALOG.filter((r) => SECTION_IDS.includes(r.section));
}

describe('palisade list', () => {
  let controls: ControlInfo[];
  let frameworks: FrameworkInfo[];
  const rows = catalog();

  before(() => {
    const c = runCli(['list', 'controls', '--format', 'json']);
    assert.equal(c.code, 0, c.stderr);
    controls = JSON.parse(c.stdout) as ControlInfo[];
    const f = runCli(['list', 'frameworks', '--format', 'json']);
    assert.equal(f.code, 0, f.stderr);
    frameworks = JSON.parse(f.stdout) as FrameworkInfo[];
  });

  it('the catalog has the 45 controls of sections 1-3', () => {
    assert.equal(rows.length, 45);
    assert.deepEqual([...new Set(rows.map((r) => r.section))], SECTION_IDS);
  });

  it('list controls --format json has every catalog control of sections 1-3, with its aliases, severity and section', () => {
    const byId = new Map(controls.map((c) => [c.id, c]));
    for (const row of rows) {
      const c = byId.get(row.id);
      assert.ok(c, `${row.id} is listed`);
      assert.deepEqual([...c.aliases].sort(), [...row.aliases].sort(), `${row.id} aliases`);
      assert.equal(c.severity, row.severity, `${row.id} severity`);
      assert.equal(c.section, row.section, `${row.id} section`);
      for (const key of ['title', 'failsWhen', 'rationale', 'remediation'] as const) {
        assert.ok(c[key].length > 10, `${row.id} has a ${key}`);
      }
    }
    assert.equal(new Set(controls.map((c) => c.id)).size, controls.length, 'no control listed twice');
  });

  it('list controls (pretty) prints one line per control: id, severity, section, title, aliases', () => {
    const out = runCli(['list', 'controls']);
    assert.equal(out.code, 0);
    const lines = out.stdout.trimEnd().split('\n');
    assert.equal(lines.length, controls.length);
    const line = lines.find((l) => l.startsWith('host-path-volume '))!;
    assert.match(line, /^host-path-volume +high +pod-security +\S.* {2}\(C-0048, C-0045, C-0074\)$/);
    for (const row of rows) assert.ok(lines.some((l) => l.startsWith(`${row.id} `)), row.id);
  });

  it('list controls --framework nsa-cisa lists the framework\'s controls; an unknown framework is exit 2', () => {
    const out = runCli(['list', 'controls', '--framework', 'nsa-cisa', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const listed = (JSON.parse(out.stdout) as ControlInfo[]).map((c) => c.id).sort();
    const fw = frameworks.find((f) => f.id === 'nsa-cisa')!;
    assert.deepEqual(listed, fw.sections.flatMap((s) => s.controls).sort());
    const bad = runCli(['list', 'controls', '--framework', 'pci']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown framework "pci"/);
  });

  it('list frameworks --format json: nsa-cisa with sections 1-3 in the catalog\'s order', () => {
    const fw = frameworks.find((f) => f.id === 'nsa-cisa');
    assert.ok(fw);
    assert.equal(fw.version, '1.2');
    for (const id of SECTION_IDS) {
      const section = fw.sections.find((s) => s.id === id);
      assert.ok(section, id);
      assert.deepEqual(section.controls, rows.filter((r) => r.section === id).map((r) => r.id), `${id} controls`);
    }
  });

  it('list frameworks (pretty) names each framework and section with its control count', () => {
    const out = runCli(['list', 'frameworks']);
    assert.equal(out.code, 0);
    const fw = frameworks.find((f) => f.id === 'nsa-cisa')!;
    const total = fw.sections.reduce((n, s) => n + s.controls.length, 0);
    assert.ok(out.stdout.startsWith(`nsa-cisa (also: nsa)  NSA/CISA Kubernetes Hardening Guidance v1.2 — ${total} controls in 5 sections\n`), out.stdout);
    assert.match(out.stdout, /\n {2}pod-security {11}Kubernetes Pod security \(27 controls\)\n/);
    assert.match(out.stdout, /\n {2}network {16}Network separation and hardening \(7 controls\)\n/);
    assert.match(out.stdout, /\n {2}rbac {19}Authentication and authorization \(11 controls\)\n/);
  });

  it('an unknown list or format is exit 2', () => {
    const what = runCli(['list', 'rules']);
    assert.equal(what.code, 2);
    assert.match(what.stderr, /list: unknown list "rules" \(controls or frameworks\)/);
    const fmt = runCli(['list', 'controls', '--format', 'yaml']);
    assert.equal(fmt.code, 2);
    assert.equal(fmt.stdout, '');
    assert.match(fmt.stderr, /--format: unknown format "yaml"/);
    assert.equal(runCli(['list']).code, 2);
  });
});

describe('palisade explain', () => {
  it('explains a control by id: fails when, why, how to fix, example', () => {
    const out = runCli(['explain', 'privileged-container']);
    assert.equal(out.code, 0, out.stderr);
    const text = out.stdout;
    assert.ok(text.startsWith('Privileged container (privileged-container)\n====='));
    assert.match(text, /\nKubescape: C-0057\nSeverity:  high\nSection:   Kubernetes Pod security\n/);
    const sections = [...text.matchAll(/^([A-Z][A-Z ]+)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, ['FAILS WHEN', 'WHY IT MATTERS', 'HOW TO FIX', 'EXAMPLE']);
    assert.match(text, /FAILS WHEN\n {2}.*privileged: true/);
    assert.match(text, /WHY IT MATTERS\n {2}\S.{50,}/);
    assert.match(text, /HOW TO FIX\n {2}\S.{20,}/);
    assert.match(text, /\n {2}Fails:\n {4}apiVersion: [\s\S]*? {8}privileged: true\n {2}Passes:\n {4}apiVersion: [\s\S]*?privileged: false\n$/);
  });

  it('explains by Kubescape alias, in any case, the same as by id', () => {
    const byId = runCli(['explain', 'host-network']);
    const byAlias = runCli(['explain', 'c-0041']);
    assert.equal(byAlias.code, 0, byAlias.stderr);
    assert.equal(byAlias.stdout, byId.stdout);
    assert.equal(runCli(['explain', 'HOST-NETWORK']).stdout, byId.stdout);
  });

  it('an alias shared by several controls explains each of them', () => {
    const out = runCli(['explain', 'C-0055']);
    assert.equal(out.code, 0);
    assert.deepEqual([...out.stdout.matchAll(/^\S.* \(([a-z-]+)\)\n=+$/gm)].map((m) => m[1]), ['seccomp-profile', 'mac-profile-weakened']);
    const json = runCli(['explain', 'C-0055', '--format', 'json']);
    assert.deepEqual((JSON.parse(json.stdout) as ControlInfo[]).map((c) => c.id), ['seccomp-profile', 'mac-profile-weakened']);
  });

  it('names the config inputs a control reads', () => {
    const out = runCli(['explain', 'image-registry-not-allowed']);
    assert.match(out.stdout, /\nCONFIGURATION\n {2}Reads these inputs from the config file \(\.palisade\.yaml\):\n {2}- inputs\.allowedRegistries — /);
  });

  it('every catalog control of sections 1-3 has an explanation with an example', () => {
    for (const row of catalog()) {
      const one = runCli(['explain', row.id, '--format', 'json']);
      assert.equal(one.code, 0, `${row.id}: ${one.stderr}`);
      const [info] = JSON.parse(one.stdout) as ControlInfo[];
      assert.equal(info.id, row.id);
      assert.ok(info.example?.failing && info.example.passing, `${row.id} has an example`);
    }
  });

  // The example explain shows is what a user copies: scanned, the failing one fails and the passing one passes.
  for (const id of ['privileged-container', 'image-registry-not-allowed', 'default-deny-ingress', 'cluster-admin-binding']) {
    it(`${id}: the example shown fails and passes when scanned`, () => {
      const out = runCli(['explain', id, '--format', 'json']);
      const [info] = JSON.parse(out.stdout) as ControlInfo[];
      const ex = info.example!;
      const config = ex.inputs ? `inputs:\n${Object.entries(ex.inputs).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n` : '';
      for (const [which, expected] of [['failing', 'failed'], ['passing', 'passed']] as const) {
        const dir = writeTree(tempDir(), { 'example.yaml': ex[which], '.palisade.yaml': config });
        const scan = runCli(['scan', dir, '--controls', id, '--format', 'json']);
        assert.equal(scan.code, 0, scan.stderr);
        const r = JSON.parse(scan.stdout) as ScanReport;
        assert.equal(r.controls[0].status, expected, `${id} ${which} example: ${JSON.stringify(r.controls[0])}`);
      }
    });
  }

  it('an unknown control is exit 2 naming it', () => {
    const out = runCli(['explain', 'privileged']);
    assert.equal(out.code, 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /unknown control in explain: "privileged" \(see 'palisade list controls'\)/);
    assert.equal(runCli(['explain', 'C-0000']).code, 2);
    assert.equal(runCli(['explain']).code, 2);
  });
});

describe('palisade --version and --help', () => {
  it('--version and -V print the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const out = runCli([flag]);
      assert.equal(out.code, 0);
      assert.equal(out.stdout, `${pkg.version}\n`);
    }
  });

  it('--help lists the commands, exit 0', () => {
    const out = runCli(['--help']);
    assert.equal(out.code, 0);
    assert.match(out.stdout, /^Usage: palisade \[options\] \[command\]/);
    for (const cmd of ['scan', 'list', 'explain', 'who-can']) assert.match(out.stdout, new RegExp(`\\n  ${cmd} `), cmd);
  });

  it('scan --help documents the flags of the contract', () => {
    const out = runCli(['scan', '--help']);
    assert.equal(out.code, 0);
    for (const flag of ['--framework', '--controls', '--exclude-controls', '--include-namespaces', '--exclude-namespaces', '--format',
      '--output', '--output-dir', '--fail-on', '--compliance-threshold', '--min-coverage', '--exceptions', '--config', '--verbose', '--no-color', '--quiet']) {
      assert.match(out.stdout, new RegExp(`\\s${flag}\\b`), flag);
    }
    assert.match(out.stdout, /\bjson\b/);
  });

  it('an unknown command is exit 2', () => {
    const out = runCli(['scna', '.']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /unknown command 'scna'/);
  });
});
