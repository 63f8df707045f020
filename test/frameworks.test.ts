// Frameworks are data over the controls: every entry resolves, several score in one run over one
// evaluation, gates apply per framework, and the generated docs match the data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { getControl } from '../src/controls/index.js';
import { FRAMEWORKS, findFramework, frameworkControlIds, itemControls } from '../src/frameworks/index.js';
import type { ScanReport } from '../src/model/types.js';
import { ROOT, runCli, tempDir } from './support/cli.js';
import { assertSchemaValid } from './support/schema.js';

const INSECURE = path.join(ROOT, 'examples/insecure');

function json(args: string[]): { report: ScanReport; code: number; stderr: string } {
  const r = runCli(['scan', INSECURE, '--format', 'json', ...args]);
  return { report: JSON.parse(r.stdout) as ScanReport, code: r.code, stderr: r.stderr };
}

describe('framework data', () => {
  for (const fw of FRAMEWORKS) {
    it(`${fw.id}: every section, item and control resolves`, () => {
      assert.equal(findFramework(fw.id), fw);
      for (const alias of fw.aliases ?? []) assert.equal(findFramework(alias.toUpperCase()), fw, alias);
      const sectionIds = fw.sections.map((s) => s.id);
      assert.equal(new Set(sectionIds).size, sectionIds.length, 'section ids are unique');
      for (const s of fw.sections) {
        for (const id of s.controls) assert.ok(getControl(id), `${fw.id}/${s.id}: control ${id} exists`);
        if (!s.items) continue;
        assert.deepEqual(s.controls, itemControls(s.items), `${s.id}: the section's controls are its items'`);
        const ids = s.items.map((i) => i.id);
        assert.equal(new Set(ids).size, ids.length, `${s.id}: item ids are unique`);
        for (const item of s.items) {
          for (const id of item.controls) assert.ok(getControl(id), `${fw.id}/${s.id}/${item.id}: control ${id} exists`);
          if (fw.id === 'mitre-attack') for (const a of item.aliases ?? []) assert.match(a, /^T\d{4}(\.\d{3})?$/, `${item.id}: ${a} is an ATT&CK technique id`);
        }
      }
    });
  }

  it('MITRE: tactics carry their ATT&CK ids, and techniques no control detects are listed, not dropped', () => {
    const mitre = findFramework('mitre')!;
    assert.equal(mitre.id, 'mitre-attack');
    assert.deepEqual(mitre.sections.map((s) => s.aliases?.[0]),
      ['TA0001', 'TA0002', 'TA0003', 'TA0004', 'TA0005', 'TA0006', 'TA0007', 'TA0008', 'TA0009', 'TA0040']);
    const all = mitre.sections.flatMap((s) => s.items ?? []);
    assert.ok(all.some((i) => i.id === 'exec-into-container' && i.controls.includes('rbac-exec-attach') && i.aliases?.includes('T1609')));
    assert.ok(all.some((i) => i.id === 'coredns-poisoning' && i.controls.length === 0));
  });
});

describe('several frameworks in one scan', () => {
  it('scores each over the same evaluation; the first is the summary\'s', () => {
    const { report, code } = json(['--framework', 'nsa,mitre']);
    assert.equal(code, 0);
    assert.deepEqual(report.frameworks.map((f) => f.id), ['nsa-cisa', 'mitre-attack']);
    const [nsa, mitre] = report.frameworks;
    assert.equal(report.summary.compliance, nsa!.compliance);
    assert.equal(report.summary.coverage, nsa!.coverage);
    assert.equal(mitre!.controls, frameworkControlIds(findFramework('mitre')!).length);
    // one evaluation: a control in both has one result
    assert.equal(report.controls.filter((c) => c.id === 'privileged-container').length, 1);
    const items = mitre!.sections.flatMap((s) => s.items ?? []);
    assert.ok(items.length > 0);
    assert.equal(items.find((i) => i.id === 'privileged-container')?.status, 'failed');
    assert.equal(items.find((i) => i.id === 'coredns-poisoning')?.status, 'not-covered');
    assert.equal(mitre!.notCovered, new Set(items.filter((i) => i.status === 'not-covered').map((i) => i.id)).size);
    assert.ok(mitre!.notCovered! > 0);
    assertSchemaValid(report, 'a report scored against two frameworks');
  });

  it('the same frameworks in another order lead with the other, and a framework named twice is scored once', () => {
    const { report } = json(['--framework', 'MITRE', '--framework', 'nsa-cisa,mitre-attack']);
    assert.deepEqual(report.frameworks.map((f) => f.id), ['mitre-attack', 'nsa-cisa']);
    assert.equal(report.summary.compliance, report.frameworks[0]!.compliance);
  });

  it('MITRE alone runs only the controls it maps', () => {
    const { report } = json(['--framework', 'mitre']);
    const ids = new Set(frameworkControlIds(findFramework('mitre')!));
    assert.ok(report.controls.every((c) => ids.has(c.id)));
    assert.ok(!report.controls.some((c) => c.id === 'ingress-without-tls'));
  });

  it('pretty names every framework and its scores', () => {
    const r = runCli(['scan', INSECURE, '--framework', 'nsa,mitre', '--no-color']);
    assert.match(r.stdout, /Also scored: MITRE ATT&CK for Kubernetes/);
    assert.match(r.stdout, /^ {2}nsa-cisa: compliance [\d.]+% · coverage/m);
    assert.match(r.stdout, /^ {2}mitre-attack: compliance [\d.]+% · coverage [\d.]+% \(\d+\/\d+ controls\) · \d+ item\(s\) no control covers/m);
  });

  it('an unknown framework among several is a usage error naming it', () => {
    const r = runCli(['scan', INSECURE, '--framework', 'nsa,mitre-atak']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown framework "mitre-atak"; did you mean "mitre-attack"\?/);
  });
});

describe('gates per framework', () => {
  const compliance = (id: string): number => json(['--framework', 'nsa,mitre']).report.frameworks.find((f) => f.id === id)!.compliance!;

  it('a plain threshold applies to every framework scored', () => {
    const above = Math.ceil(Math.max(compliance('nsa-cisa'), compliance('mitre-attack'))) + 1;
    const r = runCli(['scan', INSECURE, '--framework', 'nsa,mitre', '-q', '--compliance-threshold', String(above)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /gate tripped: --compliance-threshold \d+: nsa-cisa compliance/);
    assert.match(r.stderr, /gate tripped: --compliance-threshold \d+: mitre-attack compliance/);
  });

  it('framework=N applies to that framework only, by id or alias', () => {
    const mitre = compliance('mitre-attack');
    const r = runCli(['scan', INSECURE, '--framework', 'nsa,mitre', '-q', '--compliance-threshold', `mitre=${Math.ceil(mitre) + 1}`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--compliance-threshold \d+: mitre-attack compliance/);
    assert.doesNotMatch(r.stderr, /nsa-cisa compliance/);
    const pass = runCli(['scan', INSECURE, '--framework', 'nsa,mitre', '-q', '--compliance-threshold', `mitre-attack=${Math.floor(mitre)}`]);
    assert.equal(pass.code, 0, pass.stderr);
  });

  it('a threshold for a framework the scan does not score, or an unknown one, is a usage error: never a silent pass', () => {
    const notScored = runCli(['scan', INSECURE, '--compliance-threshold', 'mitre=10']);
    assert.equal(notScored.code, 2);
    assert.match(notScored.stderr, /--compliance-threshold: mitre-attack is not scored in this scan/);
    const unknown = runCli(['scan', INSECURE, '--min-coverage', 'pci=10']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--min-coverage: unknown framework "pci"/);
    const bad = runCli(['scan', INSECURE, '--framework', 'nsa,mitre', '--compliance-threshold', 'mitre=101']);
    assert.equal(bad.code, 2);
  });

  it('the config file takes frameworks as a list and thresholds per framework', () => {
    const dir = tempDir('palisade-fw-');
    const mitre = compliance('mitre-attack');
    const config = path.join(dir, 'palisade.yaml');
    fs.writeFileSync(config, `frameworks: [nsa, mitre]\ngates:\n  complianceThreshold:\n    mitre: ${Math.ceil(mitre) + 1}\n`);
    const r = runCli(['scan', INSECURE, '--config', config, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as ScanReport).frameworks.map((f) => f.id), ['nsa-cisa', 'mitre-attack']);
    assert.match(r.stderr, /mitre-attack compliance/);
    fs.writeFileSync(config, 'framework: nsa\nframeworks: [mitre]\n');
    const both = runCli(['scan', INSECURE, '--config', config]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give framework or frameworks, not both/);
  });
});

describe('palisade list frameworks', () => {
  it('lists each framework with its names, size and uncovered items, as JSON too', () => {
    const r = runCli(['list', 'frameworks', '--format', 'json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; aliases: string[]; controls: number; sections: Array<{ controls: string[] }>; items?: { total: number; notCovered: number } }>;
    assert.deepEqual(list.map((f) => f.id), FRAMEWORKS.map((f) => f.id));
    const mitre = list.find((f) => f.id === 'mitre-attack')!;
    assert.deepEqual(mitre.aliases, ['mitre']);
    assert.equal(mitre.sections.length, 10);
    assert.ok(mitre.items!.notCovered > 0 && mitre.items!.notCovered < mitre.items!.total);
    const pretty = runCli(['list', 'frameworks']);
    assert.match(pretty.stdout, /^mitre-attack \(also: mitre\) {2}MITRE ATT&CK for Kubernetes .* — \d+ controls in 10 sections · \d+ items, \d+ not covered/m);
  });
});

describe('docs/frameworks', () => {
  it('is up to date with the framework data (run `npm run docs`)', () => {
    const out = path.join(tempDir('palisade-fwdocs-'), 'frameworks');
    const r = runCli(['docs', '--out', path.join(path.dirname(out), 'controls'), '--frameworks-out', out]);
    assert.equal(r.code, 0, r.stderr);
    const committed = path.join(ROOT, 'docs/frameworks');
    const names = fs.readdirSync(out).sort();
    assert.deepEqual(names, fs.readdirSync(committed).filter((f) => f.endsWith('.md')).sort());
    for (const n of names) assert.equal(fs.readFileSync(path.join(committed, n), 'utf8'), fs.readFileSync(path.join(out, n), 'utf8'), `${n} is stale: run npm run docs`);
    const mitre = fs.readFileSync(path.join(out, 'mitre-attack.md'), 'utf8');
    assert.match(mitre, /\| exec-into-container \| Exec into container \| T1609 \| \[rbac-exec-attach\]\(\.\.\/controls\/rbac-exec-attach\.md\) \|/);
    assert.match(mitre, /\| coredns-poisoning \| CoreDNS poisoning \| — \| \*\*not covered\*\* \|/);
  });
});

describe('coverage by kind of input (list frameworks)', () => {
  it('agrees with what real scans evaluate: a node scan judges only controls a node can, a manifest scan only those manifests can', async () => {
    const { judgedFrom } = await import('../src/frameworks/sources.js');
    const { NODE_SECTIONS } = await import('../src/sources/node/source.js');
    const { CIS_FAIL_ROOT } = await import('../src/testing/cis-roots.js');
    const { buildRoot } = await import('../src/testing/node-roots.js');
    const { CORPUS } = await import('./support/cli.js');
    const dir = tempDir('palisade-fw-inputs-');
    const evaluated = (args: string[]): string[] => {
      const r = runCli(['scan', ...args, '--framework', FRAMEWORKS.map((f) => f.id).join(','), '--format', 'json'], { cwd: dir });
      assert.ok(r.code !== null && r.code !== 2 && r.stdout.length > 0, r.stderr); // 1: gates; 3: the corpus has files broken on purpose
      return (JSON.parse(r.stdout) as ScanReport).controls.filter((c) => c.status !== 'skipped').map((c) => c.id);
    };
    const onNode = evaluated(['--node', '--root', buildRoot(path.join(dir, 'node'), CIS_FAIL_ROOT)]);
    assert.ok(onNode.length > 40, `a node scan evaluates many controls (${onNode.length})`);
    for (const id of onNode) assert.ok(judgedFrom(getControl(id)!).includes('node'), `${id} was judged on a node`);
    const onFiles = evaluated([CORPUS]);
    assert.ok(onFiles.length > 60, `the corpus evaluates many controls (${onFiles.length})`);
    for (const id of onFiles) assert.ok(judgedFrom(getControl(id)!).includes('manifests'), `${id} was judged from manifests`);
    // the rule's copy of the node source's sections is the node source's
    for (const c of FRAMEWORKS.flatMap(frameworkControlIds).map((id) => getControl(id)!)) {
      if (NODE_SECTIONS.includes(c.section)) assert.ok(judgedFrom(c).includes('node'), c.id);
    }
  });

  it('is listed per framework, in JSON and pretty', () => {
    const r = runCli(['list', 'frameworks', '--format', 'json']);
    const list = JSON.parse(r.stdout) as Array<{ id: string; coverage: Record<string, number> }>;
    const nsa = list.find((f) => f.id === 'nsa-cisa')!;
    assert.deepEqual(Object.keys(nsa.coverage), ['manifests', 'cluster', 'node']);
    assert.ok(nsa.coverage.node! < nsa.coverage.cluster! && nsa.coverage.cluster! <= nsa.coverage.manifests!);
    const cis = list.find((f) => f.id === 'cis-v1.10.0')!;
    assert.ok(cis.coverage.node! > cis.coverage.cluster!, 'file modes and owners are judged only on a node');
    assert.match(runCli(['list', 'frameworks']).stdout, /^ {2}can be judged from: manifests [\d.]+%, cluster [\d.]+%, node [\d.]+%$/m);
  });
});
