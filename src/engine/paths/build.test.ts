import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan, type ScanInput } from '../scan.js';
import type { ScanReport } from '../../model/types.js';
import type { AttackLink, AttackPath } from '../../model/attack-path.js';
import type { ExceptionRule } from '../exceptions.js';
import { inputFromYaml, webImage, cleanImage } from '../../testing/image-fixtures.js';
import { FULL_PATH, VARIANTS, variant } from '../../testing/attack-path-fixtures.js';
import { pathSeverity, replicaFactor } from './build.js';
import { trippedGates } from '../gates.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const WEB = 'apps/v1/shop/Deployment/web';

function run(yaml: string, extra: Partial<ScanInput> = {}, exceptions: ExceptionRule[] = []): ScanReport {
  return scan({ ...inputFromYaml(yaml), images: [webImage(), cleanImage()], ...extra }, { now: NOW, exceptions });
}
const webPath = (r: ScanReport): AttackPath | undefined => r.attackPaths.find((p) => p.id === WEB);
/** `tactic:title` of each step, in order. */
const shape = (p: AttackPath | undefined): string[] => (p ? p.steps.map((s) => `${s.tactic}:${s.title}`) : []);
const linkIds = (p: AttackPath): string[] => p.links.map((l) => `${l.effect} ${l.controlId ?? l.vulnerabilityId}`);

const FULL_SHAPE = [
  'initial-access:reachable from outside the cluster',
  'execution:code execution through a vulnerable image',
  'privilege-escalation:escape to the node',
  'credential-access:read credentials with the pod\'s token',
  'lateral-movement:reach other workloads',
  'impact:create workloads or bind roles',
  'impact:write to the node',
];
const without = (...gone: string[]): string[] => FULL_SHAPE.filter((s) => !gone.includes(s));

describe('attack paths: the full manifest set', () => {
  const report = run(FULL_PATH);
  const path = webPath(report)!;

  it('has one open path, on the exposed workload, with every step', () => {
    assert.deepEqual(report.attackPaths.map((p) => p.id), [WEB]);
    assert.equal(path.status, 'open');
    assert.deepEqual(shape(path), FULL_SHAPE);
    assert.deepEqual(path.workload, { resourceId: WEB, kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 3 });
  });

  it('backs each step with the findings and vulnerabilities of the report', () => {
    const step = (tactic: string) => path.steps.find((s) => s.tactic === tactic)!;
    assert.deepEqual(step('initial-access').via.map((l) => [l.controlId, l.resourceId, l.path]), [['externally-exposed', '/v1/shop/Service/web', 'spec.type']]);
    // the real advisory of the web image's curl (CVE-2023-38545), critical and fixable, first
    const exec = step('execution').via;
    assert.deepEqual(exec.map((l) => l.vulnerabilityId), ['DSA-5510-1', 'DSA-5532-1', 'GHSA-p6mc-m468-83gw']);
    assert.match(exec[0].change, /upgrade libcurl4 to 7\.88\.1-10\+deb12u3/);
    for (const l of exec) assert.ok(report.vulnerabilities.some((v) => v.id === l.vulnerabilityId && v.resources?.includes(WEB)));
    assert.deepEqual(step('privilege-escalation').via.map((l) => l.controlId), ['host-path-volume', 'privileged-container', 'allow-privilege-escalation']);
    const cred = step('credential-access');
    assert.deepEqual(cred.via.map((l) => [l.controlId, l.resourceId, l.path]), [['rbac-secrets-access', 'rbac.authorization.k8s.io/v1/shop/RoleBinding/web', 'subjects[0]']]);
    assert.deepEqual(cred.requires?.map((l) => l.controlId), ['service-account-token-mounted']);
    const lateral = step('lateral-movement');
    assert.deepEqual(lateral.reaches, ['apps/v1/shop/Deployment/db']);
    assert.equal(lateral.reachCount, 1);
    // every finding link is a finding of the report, at that path
    for (const s of path.steps) {
      for (const l of [...s.via, ...s.requires ?? []].filter((x) => x.type === 'finding')) {
        const f = report.findings.find((x) => x.controlId === l.controlId && x.resourceId === l.resourceId);
        assert.ok(f && f.paths.some((p) => p.path === l.path), `${l.controlId} ${l.path}`);
      }
    }
  });

  it('scores from the step weights and the replicas, and rates the path from the score', () => {
    // 4 (exposure, medium) + 12 (critical, fixable) + 10 (runtime socket: high + 3) + 7 (secrets, high)
    // + 4 (not isolated) + 4 (create pods, medium) + 10 (writable socket) = 51, × (1 + log2(3)/10)
    assert.deepEqual(path.steps.map((s) => s.weight), [4, 12, 10, 7, 4, 4, 10]);
    assert.equal(path.score, Math.round(51 * replicaFactor(3) * 10) / 10);
    assert.equal(path.score, 59.1);
    assert.equal(path.severity, 'critical');
    assert.equal(pathSeverity(29.9), 'high');
    assert.equal(pathSeverity(10), 'medium');
    assert.equal(pathSeverity(9.9), 'low');
    assert.equal(replicaFactor(0), 1);
    assert.equal(replicaFactor(1), 1);
    assert.equal(replicaFactor(1 << 20), 2);
  });

  it('says what fixing each link does: the exposure removes the path, single-link steps shorten it', () => {
    assert.deepEqual(linkIds(path), [
      'removes externally-exposed',
      'shortens host-path-volume', 'shortens rbac-secrets-access', 'shortens rbac-create-workloads',
      'shortens service-account-token-mounted', 'shortens workload-not-isolated',
      'weakens DSA-5510-1', 'weakens privileged-container', 'weakens DSA-5532-1', 'weakens GHSA-p6mc-m468-83gw',
      'weakens allow-privilege-escalation',
    ]);
    assert.deepEqual(path.brokenBy, []);
  });
});

describe('attack paths: each variant lacks one link', () => {
  it('not exposed: no path at all', () => {
    assert.deepEqual(run(VARIANTS.notExposed()).attackPaths, []);
  });
  it('no vulnerable image: no execution step', () => {
    const p = webPath(run(FULL_PATH, { images: [cleanImage()] }));
    assert.deepEqual(shape(p), without('execution:code execution through a vulnerable image'));
  });
  it('unknown-severity and medium vulnerabilities do not make an execution step', () => {
    const image = webImage();
    image.vulnerabilities = image.vulnerabilities.filter((v) => v.severity !== 'critical' && v.severity !== 'high');
    assert.ok(image.vulnerabilities.length >= 2);
    assert.deepEqual(shape(webPath(run(FULL_PATH, { images: [image] }))), without('execution:code execution through a vulnerable image'));
  });
  it('no privilege: no escape and no write to the node', () => {
    const p = webPath(run(VARIANTS.noEscape()));
    assert.deepEqual(shape(p), without('privilege-escalation:escape to the node', 'impact:write to the node'));
  });
  it('allowPrivilegeEscalation counts only with a root user', () => {
    const rootless = variant('        securityContext: {privileged: true}\n', '        securityContext: {privileged: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000}\n');
    const p = webPath(run(rootless))!;
    assert.deepEqual(p.steps.find((s) => s.tactic === 'privilege-escalation')!.via.map((l) => l.controlId), ['host-path-volume', 'privileged-container']);
  });
  it('no token mounted: no credential access and no impact through the API', () => {
    const p = webPath(run(VARIANTS.noToken()));
    assert.deepEqual(shape(p), without('credential-access:read credentials with the pod\'s token', 'impact:create workloads or bind roles'));
  });
  it('no grants: the token reaches nothing', () => {
    const p = webPath(run(VARIANTS.noGrants()));
    assert.deepEqual(shape(p), without('credential-access:read credentials with the pod\'s token', 'impact:create workloads or bind roles'));
  });
  it('isolated by a default-deny policy: no lateral movement', () => {
    const p = webPath(run(VARIANTS.isolated()));
    assert.deepEqual(shape(p), without('lateral-movement:reach other workloads'));
  });
  it('only an entry and nothing after it: no path', () => {
    const bare = variant('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db');
    const yaml = bare.replace(/        securityContext: \{privileged: true\}\n[\s\S]*?path: \/var\/run\/docker.sock\}\n/, '        securityContext: {allowPrivilegeEscalation: false}\n')
      .replace('      serviceAccountName: web\n', '      serviceAccountName: web\n      automountServiceAccountToken: false\n');
    assert.notEqual(yaml, bare);
    assert.deepEqual(run(yaml, { images: [cleanImage()] }).attackPaths, []);
  });
  it('a ServiceAccount group binding grants the token too (system:serviceaccounts:<ns>)', () => {
    const yaml = variant('- {kind: ServiceAccount, name: web, namespace: shop}', '- {kind: Group, name: "system:serviceaccounts:shop", apiGroup: rbac.authorization.k8s.io}');
    const cred = webPath(run(yaml))!.steps.find((s) => s.tactic === 'credential-access')!;
    assert.deepEqual(cred.via.map((l) => [l.controlId, l.path]), [['rbac-secrets-access', 'subjects[0]']]);
  });
  it('RBAC: impersonation is credential access, bind is impact, cluster-admin is both', () => {
    const rules = (r: string) => variant(`- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods], verbs: [create]}`, r);
    const steps = (yaml: string) => webPath(run(yaml))!.steps.filter((s) => s.tactic === 'credential-access' || s.title === 'create workloads or bind roles')
      .map((s) => `${s.tactic}:${s.via.map((l) => l.controlId).join(',')}`);
    assert.deepEqual(steps(rules('- {apiGroups: [""], resources: [users], verbs: [impersonate]}')), ['credential-access:rbac-escalation-verbs']);
    assert.deepEqual(steps(rules('- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [bind]}')), ['impact:rbac-escalation-verbs']);
    const admin = FULL_PATH.replace('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}');
    assert.notEqual(admin, FULL_PATH);
    assert.deepEqual(steps(admin), ['credential-access:cluster-admin-binding,rbac-escalation-verbs,rbac-secrets-access', 'impact:cluster-admin-binding,rbac-escalation-verbs,rbac-create-workloads']); // by severity: high before medium
  });
  it('a read-only hostPath is an escape but no write to the node', () => {
    const ro = variant('volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]', 'volumeMounts: [{name: sock, mountPath: /var/run/docker.sock, readOnly: true}]');
    const p = webPath(run(ro))!;
    assert.ok(p.steps.find((s) => s.tactic === 'privilege-escalation')!.via.some((l) => l.controlId === 'host-path-volume'));
    assert.ok(!p.steps.some((s) => s.title === 'write to the node'));
  });
  it('a hostNetwork pod is an entry by itself', () => {
    const yaml = VARIANTS.notExposed().replace('      serviceAccountName: web\n', '      serviceAccountName: web\n      hostNetwork: true\n');
    const p = webPath(run(yaml))!;
    assert.deepEqual(p.steps[0].via.map((l) => l.controlId), ['host-network']);
  });
});

describe('attack paths: lateral reach', () => {
  it('names the first 20 workloads it reaches, sorted, and counts them all', () => {
    const others = Array.from({ length: 25 }, (_, i) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: w${String(i).padStart(2, '0')}, namespace: other}
spec:
  selector: {matchLabels: {app: w${i}}}
  template:
    metadata: {labels: {app: w${i}}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: c, image: busybox:1.36}]
`).join('');
    const lateral = webPath(run(FULL_PATH + others))!.steps.find((s) => s.tactic === 'lateral-movement')!;
    assert.equal(lateral.reachCount, 26);
    assert.equal(lateral.reaches?.length, 20);
    assert.deepEqual(lateral.reaches?.slice(0, 3), ['apps/v1/other/Deployment/w00', 'apps/v1/other/Deployment/w01', 'apps/v1/other/Deployment/w02']);
    assert.ok(!lateral.reaches?.includes(WEB), 'not itself');
  });
});

describe('attack paths: exceptions break links and say so', () => {
  it('an excepted exposure leaves an excepted path, listed after the open ones, that gates nothing', () => {
    const report = run(FULL_PATH, {}, [{ source: 'test', controls: ['externally-exposed'], resources: [{ kind: 'Service', name: 'web' }], reason: 'public shop' }]);
    const p = webPath(report)!;
    assert.equal(p.status, 'excepted');
    assert.deepEqual(p.links, []);
    assert.deepEqual(p.brokenBy.map((l) => [l.controlId, l.exception?.reason]), [['externally-exposed', 'public shop']]);
    assert.deepEqual(shape(p), FULL_SHAPE);
  });
  it('an excepted vulnerability drops out of its step and is named', () => {
    const report = run(FULL_PATH, {}, [{ source: 'test', controls: [], resources: [], vulnerabilities: ['CVE-2023-38545'], reason: 'not reachable' }]);
    const p = webPath(report)!;
    assert.equal(p.status, 'open');
    assert.deepEqual(p.steps[1].via.map((l) => l.vulnerabilityId), ['DSA-5532-1', 'GHSA-p6mc-m468-83gw']);
    assert.deepEqual(p.brokenBy.map((l) => l.vulnerabilityId), ['DSA-5510-1']);
  });
});

describe('attack paths: the gate', () => {
  it('trips on open paths at or above the severity, never on excepted ones', () => {
    const report = run(FULL_PATH);
    assert.deepEqual(trippedGates(report, { failOnPath: 'critical' }), [
      '--fail-on-path critical: 1 attack path(s) at critical or above, the first on Deployment shop/web (critical, score 59.1)',
    ]);
    const medium = { ...report, attackPaths: report.attackPaths.map((p) => ({ ...p, severity: 'medium' as const })) };
    assert.deepEqual(trippedGates(medium, { failOnPath: 'high' }), []);
    assert.equal(trippedGates(medium, { failOnPath: 'low' }).length, 1);
    const excepted = run(FULL_PATH, {}, [{ source: 'test', controls: ['externally-exposed'], resources: [], reason: 'public' }]);
    assert.equal(excepted.attackPaths[0].status, 'excepted');
    assert.deepEqual(trippedGates(excepted, { failOnPath: 'low' }), []);
  });
});

describe('attack paths: order', () => {
  it('is the same every run and whatever the input order', () => {
    const two = `${FULL_PATH}---\n${FULL_PATH.replaceAll('shop', 'shop2').replace('replicas: 3', 'replicas: 1')}`;
    const a = run(two);
    const b = run(two);
    const docs = two.split('\n---\n').reverse().join('\n---\n');
    const c = run(docs);
    assert.deepEqual(a.attackPaths.map((p) => p.id), [WEB, 'apps/v1/shop2/Deployment/web']);
    assert.deepEqual(b.attackPaths, a.attackPaths);
    // lines differ when the documents are reversed: compare what each path is made of
    const key = (l: AttackLink) => `${l.controlId ?? l.vulnerabilityId} ${l.resourceId} ${l.path ?? ''} ${l.effect ?? ''}`;
    const strip = (r: ScanReport) => r.attackPaths.map((p) => [p.id, p.score, p.steps.map((s) => [s.tactic, s.via.map(key), (s.requires ?? []).map(key)]), p.links.map(key)]);
    assert.deepEqual(strip(c), strip(a));
  });
});
