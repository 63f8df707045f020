import { testControl } from '../../testing/control-tester.js';
import control from './image-not-pinned.js';

const DIGEST = 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a';

testControl(control, {
  valid: [
    {
      name: 'version tags, digests, and a registry port with a tag',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: nginx:1.27}
  - {name: b, image: "ghcr.io/acme/api@${DIGEST}"}
  - {name: c, image: "nginx:latest@${DIGEST}"}
  - {name: d, image: "localhost:5000/app:2.0.1"}
  - {name: e, image: "registry.example.com:443/team/app:v3"}
  initContainers:
  - {name: i, image: "busybox@${DIGEST}"}
  ephemeralContainers:
  - {name: dbg, image: busybox:1.36}
`,
    },
  ],
  invalid: [
    {
      name: 'no tag, latest, and a registry port mistaken for a tag',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx # fails
  - name: b
    image: nginx:latest # fails
  - name: c
    image: localhost:5000/app # fails
  - name: d
    image: registry.example.com:5000/team/app:1.4
`,
      paths: ['spec.containers[0].image', 'spec.containers[1].image', 'spec.containers[2].image'],
      messages: [
        /^container "a" image "nginx" has no tag \(it pulls "latest"\) and no @sha256: digest$/,
        /^container "b" image "nginx:latest" uses the tag "latest"/,
        /^container "c" image "localhost:5000\/app" has no tag/,
      ],
    },
    {
      name: 'init and ephemeral containers count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: nginx:1.27}
  initContainers:
  - {name: init, image: "busybox:latest"} # fails
  ephemeralContainers:
  - {name: debug, image: "docker.io/library/busybox"} # fails
`,
      paths: ['spec.initContainers[0].image', 'spec.ephemeralContainers[0].image'],
      messages: [/init container "init" image "busybox:latest" uses the tag "latest"/, /ephemeral container "debug" .* has no tag/],
    },
    {
      name: 'a digest of another algorithm is not a sha256 digest',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: "nginx@sha512:abcdef"}
`,
      paths: ['spec.containers[0].image'],
      messages: [/has no tag/],
    },
  ],
});
