import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control, { parseImage } from './image-registry-not-allowed.js';

const ALLOWED = { allowedRegistries: ['ghcr.io/acme', 'registry.acme.example', 'docker.io/library', 'localhost:5000'] };

testControl(control, {
  valid: [
    {
      name: 'registry hosts, path prefixes, and official Docker Hub images',
      inputs: ALLOWED,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: "ghcr.io/acme/api:1.2"}
  - {name: b, image: "ghcr.io/acme/team/worker@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a"}
  - {name: c, image: "registry.acme.example/anything/here:3"}
  - {name: d, image: "nginx:1.27"}
  - {name: e, image: "docker.io/library/redis:7"}
  - {name: f, image: "index.docker.io/library/postgres:16"}
  - {name: g, image: "localhost:5000/app:1"}
  - {name: h, image: "REGISTRY.ACME.EXAMPLE/shop/web:2"}
  initContainers:
  - {name: i, image: "busybox:1.36"}
  ephemeralContainers:
  - {name: dbg, image: "ghcr.io/acme/debug:1"}
`,
    },
    {
      name: 'an entry written as a URL with a trailing slash, and index.docker.io in the list',
      inputs: { allowedRegistries: ['https://quay.io/', 'index.docker.io'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: "quay.io/prometheus/prometheus:v2.53.0"}
  - {name: b, image: "bitnami/redis:7.2"}
`,
    },
  ],
  invalid: [
    {
      name: 'other registries, Docker Hub user images, and a prefix that is not at a "/" boundary',
      inputs: ALLOWED,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: ghcr.io/acmecorp/app:1.0 # fails
  - name: b
    image: bitnami/redis:7.2 # fails
  - name: c
    image: quay.io/acme/api:1 # fails
  - name: d
    image: "ghcr.io/acme:1"   # the repository ghcr.io/acme itself is under the prefix
  - name: ok
    image: ghcr.io/acme/app:1.0
  - name: e
    image: localhost:5001/app:1 # fails
`,
      paths: ['spec.containers[0].image', 'spec.containers[1].image', 'spec.containers[2].image', 'spec.containers[5].image'],
      messages: [
        /^container "a" image "ghcr\.io\/acmecorp\/app:1\.0" comes from registry "ghcr\.io", which is not in allowedRegistries \(ghcr\.io\/acme, registry\.acme\.example, docker\.io\/library, localhost:5000\)$/,
        /container "b" image "bitnami\/redis:7\.2" comes from registry "docker\.io" \(no registry in the reference means Docker Hub\)/,
        /container "c" image "quay\.io\/acme\/api:1" comes from registry "quay\.io"/,
        /container "e" image "localhost:5001\/app:1" comes from registry "localhost:5001"/,
      ],
    },
    {
      name: 'init and ephemeral containers count',
      inputs: { allowedRegistries: ['ghcr.io/acme'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: "ghcr.io/acme/api:1.2"}
  initContainers:
  - {name: init, image: "busybox:1.36"} # fails
  ephemeralContainers:
  - {name: debug, image: "docker.io/nicolaka/netshoot:v0.13"} # fails
`,
      paths: ['spec.initContainers[0].image', 'spec.ephemeralContainers[0].image'],
      messages: [/init container "init" image "busybox:1\.36" comes from registry "docker\.io"/, /ephemeral container "debug" .*registry "docker\.io", which/],
    },
  ],
  skipped: [
    {
      name: 'allowedRegistries not configured',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: "nginx:1.27"}]
`,
      reason: /allowedRegistries is not configured: set inputs\.allowedRegistries in \.palisade\.yaml/,
    },
    {
      name: 'allowedRegistries empty',
      inputs: { allowedRegistries: [] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: "nginx:1.27"}]
`,
      reason: /set inputs\.allowedRegistries/,
    },
  ],
});

describe('image-registry-not-allowed', () => {
  it('its documented example fails, and its fixed example passes, with allowedRegistries set', () => {
    const inputs = { allowedRegistries: ['registry.acme.example'] };
    assert.equal(runControl(control, control.example!.failing, inputs).failed, 1);
    const passing = runControl(control, control.example!.passing, inputs);
    assert.equal(passing.failed, 0);
    assert.equal(passing.evaluated, 1);
  });

  it('normalises image references like Docker', () => {
    const cases: Array<[string, string, string]> = [
      ['nginx', 'docker.io', 'library/nginx'],
      ['nginx:1.27', 'docker.io', 'library/nginx'],
      ['bitnami/redis', 'docker.io', 'bitnami/redis'],
      ['index.docker.io/bitnami/redis:7', 'docker.io', 'bitnami/redis'],
      ['docker.io/nginx', 'docker.io', 'library/nginx'],
      ['localhost/app', 'localhost', 'app'],
      ['localhost:5000/app:1', 'localhost:5000', 'app'],
      ['registry:5000/team/app', 'registry:5000', 'team/app'],
      ['gcr.io/distroless/static@sha256:abc', 'gcr.io', 'distroless/static'],
      ['a/b/c:tag@sha256:abc', 'docker.io', 'a/b/c'],
    ];
    for (const [image, registry, repository] of cases) {
      const ref = parseImage(image);
      assert.deepEqual([ref.registry, ref.repository], [registry, repository], image);
    }
  });
});
