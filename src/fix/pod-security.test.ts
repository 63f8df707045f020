// The Pod Security Standard checks behind the namespace labels of `palisade fix`, and the level chosen.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../model/types.js';
import { readText } from '../sources/files/index.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { LineIndex } from '../sources/files/yaml-documents.js';
import { decideLevel, judgeWorkloads, type WorkloadVerdict } from './pod-security.js';
import { namespaceLabels } from './namespace-labels.js';
import type { PlannedFix } from './file.js';

type Obj = Record<string, any>;

function resources(yaml: string): Resource[] {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file: 'case.yaml', type: 'file', lines: new LineIndex(yaml) }, sink);
  assert.deepEqual(sink.errors, []);
  return sink.resources;
}

/** A pod that passes restricted, changed by `change`. */
function pod(name: string, change: (spec: Obj) => void = () => {}, namespace = 'a'): string {
  const spec: Obj = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'c', image: 'nginx:1.27',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
    }],
    volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }],
  };
  change(spec);
  return `---\n${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec })}\n`;
}
const container = (spec: Obj): Obj => spec.containers[0].securityContext;

function verdictOf(yaml: string): { baseline: string[]; restricted: string[] } {
  const [only] = [...judgeWorkloads(resources(yaml)).values()].flat();
  return { baseline: only.baseline, restricted: only.restricted };
}

describe('pod security: the checks of each level', () => {
  it('a pod written to the restricted standard passes both levels', () => {
    assert.deepEqual(verdictOf(pod('ok')), { baseline: [], restricted: [] });
  });

  const cases: Array<[string, (spec: Obj) => void, string[], string[]]> = [
    ['privileged', (s) => { container(s).privileged = true; }, ['privileged'], []],
    ['hostNetwork and hostPID: one check', (s) => { s.hostNetwork = true; s.hostPID = true; }, ['host namespaces'], []],
    ['a host port', (s) => { s.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]; }, ['host ports'], []],
    ['a hostPath volume (not a restricted volume type either)', (s) => { s.volumes.push({ name: 'h', hostPath: { path: '/data' } }); }, ['hostPath volumes'], ['volume types']],
    ['an nfs volume', (s) => { s.volumes.push({ name: 'n', nfs: { server: 'x', path: '/' } }); }, [], ['volume types']],
    ['SYS_ADMIN added', (s) => { container(s).capabilities.add = ['SYS_ADMIN']; }, ['capabilities'], []],
    ['CHOWN added: baseline allows it, restricted does not', (s) => { container(s).capabilities.add = ['CHOWN']; }, [], ['capabilities']],
    ['CAP_CHOWN: admission compares the strings', (s) => { container(s).capabilities.add = ['CAP_CHOWN']; }, ['capabilities'], []],
    ['drop without ALL', (s) => { container(s).capabilities.drop = ['NET_RAW']; }, [], ['capabilities']],
    ['seccomp Unconfined on the pod', (s) => { s.securityContext.seccompProfile.type = 'Unconfined'; }, ['seccomp'], []],
    ['no seccomp profile', (s) => { delete s.securityContext.seccompProfile; }, [], ['seccomp']],
    ['a non-zero runAsUser without runAsNonRoot', (s) => { delete s.securityContext.runAsNonRoot; s.securityContext.runAsUser = 1000; }, [], ['runAsNonRoot']],
    ['a container that sets runAsNonRoot: false', (s) => { container(s).runAsNonRoot = false; }, [], ['runAsNonRoot']],
    ['runAsUser 0', (s) => { container(s).runAsUser = 0; }, [], ['runAsUser']],
    ['allowPrivilegeEscalation unset', (s) => { delete container(s).allowPrivilegeEscalation; }, [], ['allowPrivilegeEscalation']],
    ['an unsafe sysctl', (s) => { s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, ['sysctls'], []],
    ['procMount Unmasked', (s) => { container(s).procMount = 'Unmasked'; }, ['/proc mount'], []],
    ['AppArmor Unconfined', (s) => { container(s).appArmorProfile = { type: 'Unconfined' }; }, ['AppArmor/SELinux'], []],
    ['a Windows pod is not asked to drop capabilities', (s) => { s.os = { name: 'windows' }; container(s).capabilities = {}; }, [], []],
  ];
  for (const [what, change, baseline, restrictedOnly] of cases) {
    it(what, () => {
      const v = verdictOf(pod('p', change));
      assert.deepEqual(v.baseline, baseline, 'baseline');
      assert.deepEqual(v.restricted.filter((c) => !baseline.includes(c)), restrictedOnly, 'restricted');
    });
  }

  it('groups workloads by the namespace they land in, default for none', () => {
    const byNs = judgeWorkloads(resources(pod('x', undefined, 'a') + pod('y', undefined, 'b')
      + '---\n{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "i"}]}}}}\n'));
    assert.deepEqual([...byNs.keys()].sort(), ['a', 'b', 'default']);
    assert.deepEqual(byNs.get('default')![0].restricted, ['allowPrivilegeEscalation', 'seccomp', 'runAsNonRoot', 'capabilities']);
  });
});

describe('pod security: the level a namespace gets', () => {
  const verdict = (name: string, baseline: string[], restricted: string[]): WorkloadVerdict => (
    { resource: { name } as Resource, baseline, restricted: [...baseline, ...restricted] });

  it('restricted when every workload passes it, or there is none', () => {
    assert.deepEqual(decideLevel([verdict('a', [], []), verdict('b', [], [])]), { enforce: 'restricted', why: 'all 2 of its workloads pass restricted after the fixes' });
    assert.deepEqual(decideLevel([verdict('a', [], [])]).why, 'its one workload passes restricted after the fixes');
    assert.equal(decideLevel([]).enforce, 'restricted');
  });

  it('baseline when every workload passes baseline, naming what restricted would reject', () => {
    assert.deepEqual(decideLevel([verdict('web', [], ['runAsNonRoot']), verdict('db', [], ['capabilities']), verdict('ok', [], [])]), {
      enforce: 'baseline', why: '2 workloads would be rejected at restricted: web (runAsNonRoot), db (capabilities)',
    });
  });

  it('nothing enforced when one fails baseline; long lists are cut', () => {
    const many = Array.from({ length: 7 }, (_, i) => verdict(`w${i}`, ['privileged'], []));
    const d = decideLevel(many);
    assert.equal(d.enforce, undefined);
    assert.equal(d.why, '7 workloads would be rejected at baseline: w0 (privileged), w1 (privileged), w2 (privileged), w3 (privileged), w4 (privileged), and 2 more');
  });
});

describe('pod security: the namespace labels', () => {
  const planned = (labels?: Record<string, string>): PlannedFix => {
    const [resource] = resources(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n${labels ? `  labels: ${JSON.stringify(labels)}\n` : ''}`);
    return {
      controlId: 'pod-security-admission', resourceId: resource.id, findingPath: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
      description: 'label', edits: [], resource, safety: 'review', reviewReason: 'x',
    };
  };
  const label = (mode: string) => `metadata.labels["pod-security.kubernetes.io/${mode}"]`;

  it('enforce restricted is a review fix', () => {
    const l = namespaceLabels(planned(), judgeWorkloads(resources(pod('ok'))));
    assert.equal(l.enforce, 'restricted');
    assert.deepEqual(l.fix.edits, [{ op: 'set', path: label('enforce'), value: 'restricted' }]);
    assert.equal(l.fix.safety, 'review');
    assert.match(l.fix.reviewReason!, /would reject new pods in the namespace that do not meet restricted/);
  });

  it('enforce baseline comes with warn and audit at restricted', () => {
    const l = namespaceLabels(planned(), judgeWorkloads(resources(pod('web', (s) => { container(s).runAsUser = 0; }))));
    assert.deepEqual(l.fix.edits.map((e) => [e.path, e.value]), [[label('enforce'), 'baseline'], [label('warn'), 'restricted'], [label('audit'), 'restricted']]);
    assert.equal(l.summary, 'enforce baseline (1 workload would be rejected at restricted: web (runAsUser))');
  });

  it('only warn and audit, a safe fix, when a workload fails baseline; a warn label the user set is kept', () => {
    const byNs = judgeWorkloads(resources(pod('agent', (s) => { container(s).privileged = true; })));
    const l = namespaceLabels(planned({ 'pod-security.kubernetes.io/warn': 'baseline' }), byNs);
    assert.equal(l.enforce, undefined);
    assert.equal(l.fix.safety, 'safe');
    assert.equal(l.fix.reviewReason, undefined);
    assert.deepEqual(l.fix.edits, [{ op: 'set', path: label('audit'), value: 'restricted' }]);
    assert.match(l.summary, /^warn and audit restricted only, nothing enforced \(1 workload would be rejected at baseline: agent \(privileged\)\)/);
    const both = namespaceLabels(planned({ 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/audit': 'baseline' }), byNs);
    assert.deepEqual(both.fix.edits, []);
  });
});
