// What fix plans for each failed finding: edits for files under the roots, a listing for the rest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Resource, ResourceSource, ScanReport } from '../model/types.js';
import { planFixes, writeRoots } from './plan.js';

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-plan-')));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'pod.yaml');
fs.writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');

function resource(source: ResourceSource): Resource {
  return {
    id: '/v1/default/Pod/p', apiVersion: 'v1', kind: 'Pod', name: 'p', clusterScoped: false,
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, source,
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    controlId: 'host-namespaces', resourceId: '/v1/default/Pod/p', status: 'failed', severity: 'high', message: 'shares the host PID namespace',
    paths: [{
      path: 'spec.hostPID', message: 'shares the host PID namespace', location: { file, line: 3 },
      fix: { description: 'set hostPID: false', edits: [{ op: 'set', path: 'spec.hostPID', value: false }], safety: 'review', reviewReason: 'a node agent may need it' },
    }],
    ...overrides,
  };
}

const report = (findings: Finding[]) => ({ findings } as unknown as ScanReport);

describe('fix: planning', () => {
  it('plans the edits of a file under the roots', () => {
    const plan = planFixes(report([finding()]), [resource({ type: 'file', file, document: 0 })], writeRoots([dir]), { all: true });
    assert.deepEqual([...plan.files.keys()], [file]);
    assert.equal(plan.files.get(file)!.fixes[0].findingPath, 'spec.hostPID');
    assert.deepEqual(plan.refused, []);
  });

  it('refuses rendered resources, standard input, implied resources and files outside the roots', () => {
    const cases: Array<[ResourceSource, RegExp]> = [
      [{ type: 'file', file: dir, renderedBy: 'helm', origin: 'chart/templates/pod.yaml' }, /rendered by helm from chart\/templates\/pod\.yaml; change the chart's templates or values/],
      [{ type: 'file', file: dir, renderedBy: 'kustomize' }, /rendered by kustomize; change the base or patches/],
      [{ type: 'stdin', file: '<stdin>' }, /standard input/],
      [{ type: 'derived' }, /not written in any file/],
      [{ type: 'file', file, document: 0 }, /outside the paths given to fix/],
    ];
    for (const [source, reason] of cases) {
      const roots = source.type === 'file' && !source.renderedBy ? [path.join(dir, 'elsewhere')] : [dir];
      const plan = planFixes(report([finding()]), [resource(source)], roots, { all: true });
      assert.equal(plan.files.size, 0);
      assert.equal(plan.refused.length, 1);
      assert.match(plan.refused[0].reason, reason);
    }
  });

  it('plans safe fixes; lists review ones with their reason unless --all, also where they could not be applied', () => {
    const safe = finding({
      controlId: 'seccomp-profile',
      paths: [{
        path: 'spec.containers[0].securityContext.seccompProfile', message: 'no seccomp profile', location: { file, line: 3 },
        fix: { description: 'set seccompProfile.type: RuntimeDefault', edits: [{ op: 'set', path: 'spec.containers[0].securityContext.seccompProfile.type', value: 'RuntimeDefault' }], safety: 'safe' },
      }],
    });
    const plan = planFixes(report([finding(), safe]), [resource({ type: 'file', file, document: 0 })], writeRoots([dir]));
    assert.deepEqual(plan.files.get(file)!.fixes.map((f) => [f.controlId, f.safety]), [['seccomp-profile', 'safe']]);
    assert.deepEqual(plan.review.map((r) => [r.controlId, r.reason]), [['host-namespaces', 'set hostPID: false (a node agent may need it)']]);
    assert.deepEqual(plan.refused, []);

    const all = planFixes(report([finding(), safe]), [resource({ type: 'file', file, document: 0 })], writeRoots([dir]), { all: true });
    assert.deepEqual(all.files.get(file)!.fixes.map((f) => [f.controlId, f.safety, f.reviewReason]), [
      ['host-namespaces', 'review', 'a node agent may need it'], ['seccomp-profile', 'safe', undefined],
    ]);
    assert.deepEqual(all.review, []);

    // without --all a review fix is listed, not refused, even where it could not be applied
    const rendered = planFixes(report([finding()]), [resource({ type: 'file', file: dir, renderedBy: 'kustomize' })], [dir]);
    assert.deepEqual(rendered.refused, []);
    assert.match(rendered.review[0].reason, /\(a node agent may need it\); it could not be applied here either: rendered by kustomize/);
  });

  it('keeps the namespace labels of pod-security-admission apart, review or not: their level is decided later', () => {
    const ns = finding({
      controlId: 'pod-security-admission',
      paths: [{
        path: 'metadata.labels["pod-security.kubernetes.io/enforce"]', message: 'no enforce label', location: { file, line: 3 },
        fix: { description: 'label it', edits: [{ op: 'set', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]', value: 'restricted' }], safety: 'review', reviewReason: 'pods would be rejected' },
      }],
    });
    const plan = planFixes(report([ns]), [resource({ type: 'file', file, document: 0 })], writeRoots([dir]));
    assert.equal(plan.files.size, 0);
    assert.deepEqual(plan.review, []);
    assert.deepEqual(plan.namespaces.map((n) => [n.real, n.fix.controlId]), [[file, 'pod-security-admission']]);
  });

  it('lists fixes without edits and findings without fixes as needing a person', () => {
    const noEdits = finding({ controlId: 'cpu-limits', paths: [{ path: 'spec.containers[0]', message: 'no CPU limit', fix: { description: 'set resources.limits.cpu' } }] });
    const noFix = finding({ controlId: 'externally-exposed', message: 'is a LoadBalancer', paths: [{ path: 'spec.type', message: 'is a LoadBalancer' }] });
    const excepted = finding({ status: 'excepted' });
    const plan = planFixes(report([noEdits, noFix, excepted]), [resource({ type: 'file', file })], [dir]);
    assert.equal(plan.files.size, 0);
    assert.deepEqual(plan.manual.map((m) => [m.controlId, m.reason]), [
      ['cpu-limits', 'set resources.limits.cpu'],
      ['externally-exposed', 'no automatic fix: is a LoadBalancer'],
    ]);
  });
});
