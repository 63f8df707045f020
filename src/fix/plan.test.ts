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
      fix: { description: 'set hostPID: false', edits: [{ op: 'set', path: 'spec.hostPID', value: false }] },
    }],
    ...overrides,
  };
}

const report = (findings: Finding[]) => ({ findings } as unknown as ScanReport);

describe('fix: planning', () => {
  it('plans the edits of a file under the roots', () => {
    const plan = planFixes(report([finding()]), [resource({ type: 'file', file, document: 0 })], writeRoots([dir]));
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
      const plan = planFixes(report([finding()]), [resource(source)], roots);
      assert.equal(plan.files.size, 0);
      assert.equal(plan.refused.length, 1);
      assert.match(plan.refused[0].reason, reason);
    }
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
