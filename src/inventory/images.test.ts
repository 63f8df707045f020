import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';

const DIGEST = 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a';

const yaml = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop}
spec:
  initContainers:
  - {name: setup, image: busybox}
  containers:
  - {name: web, image: nginx}
  - {name: sidecar, image: "docker.io/library/nginx:latest"}
  - {name: no-image}
  - {name: blank, image: "  "}
  - {name: bad, image: "Acme/App:1"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b, namespace: shop}
spec:
  template:
    spec:
      containers:
      - {name: web, image: "index.docker.io/nginx"}
      - {name: api, image: "registry.example.com:5000/team/api:1.2@${DIGEST}"}
      ephemeralContainers:
      - {name: debug, image: "busybox:1.36"}
`;

describe('Inventory.images(): images → the containers that run them', () => {
  const inv = inventoryFromYaml(yaml);
  const images = inv.images();
  const uses = (key: string) => (images.get(key) ?? []).map((u) => `${u.resource.name}/${u.container.name}`);

  it('keys each image by its normalised reference, so spellings of one image meet', () => {
    assert.deepEqual(uses('docker.io/library/nginx:latest'), ['a/web', 'a/sidecar', 'b/web']);
    assert.deepEqual(uses('docker.io/library/busybox:latest'), ['a/setup']);
    assert.deepEqual(uses('docker.io/library/busybox:1.36'), ['b/debug']);
    assert.deepEqual(uses(`registry.example.com:5000/team/api:1.2@${DIGEST}`), ['b/api']);
  });

  it('leaves out containers without an image and images that break the grammar', () => {
    assert.deepEqual([...images.keys()].sort(), [
      'docker.io/library/busybox:1.36', 'docker.io/library/busybox:latest', 'docker.io/library/nginx:latest',
      `registry.example.com:5000/team/api:1.2@${DIGEST}`,
    ]);
  });

  it('exposes each container\'s image parsed, beside the raw string', () => {
    const pod = inv.podOf(inv.workloads[0]!.resource)!;
    const byName = new Map(pod.containers.map((c) => [c.name, c]));
    assert.equal(byName.get('web')!.image!.text, 'nginx');
    assert.equal(byName.get('web')!.image!.repository, 'library/nginx');
    assert.equal(byName.get('no-image')!.image, undefined);
    assert.equal(byName.get('blank')!.image, undefined);
    assert.equal(byName.get('bad')!.image!.valid, false);
  });

  it('is built once', () => {
    assert.equal(inv.images(), images);
  });
});
